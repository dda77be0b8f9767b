import { beforeAll } from '@jest/globals';
import '@testing-library/jest-dom/jest-globals';
import { TextDecoder, TextEncoder } from 'node:util';
import { loadLocale } from '../lib/i18n/i18n.ts';

// react-router reads these; older jsdom builds lack them.
if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}

// The app loads a language when it is chosen; tests read either at any time (getFixedT('ms')).
beforeAll(() => loadLocale('ms'));

// jsdom lays nothing out: scrolling is a no-op here instead of a "not implemented" error on the
// console (a test that checks scrolling replaces it with its own spy).
window.scrollTo = (() => undefined) as typeof window.scrollTo;
