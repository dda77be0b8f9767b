// The base sheet first: the feature sheets the entry pulls in (the sign-in page's) follow it.
import './app/styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { startFirstScreenQueries } from './app/providers.tsx';
import { i18nReady } from './lib/i18n/i18n.ts';

// The first screen's data is asked for now, while its chunks (and the language) still load.
const firstScreenData = startFirstScreenQueries(window.location.pathname);
/** How long the first render waits for that data before it draws without it. */
const FIRST_DATA_WAIT_MS = 1_000;

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// In the device's language from the first frame (English needs no wait), and with the first
// screen's data when it comes within a second: the page then builds once, as a transition that
// yields to the browser every few milliseconds instead of holding the main thread for the whole
// tree (data arriving mid-render would force the rest to render in one go).
const firstDataOrTimeout = Promise.race([firstScreenData, new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS))]);
void Promise.all([i18nReady, firstDataOrTimeout]).then(() =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);

// The app shell stays loadable offline once opened (see public/sw.js); not in development,
// where Vite serves unbundled modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
