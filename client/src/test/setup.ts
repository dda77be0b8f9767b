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
