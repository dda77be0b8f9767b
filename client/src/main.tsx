import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { startFirstScreenQueries } from './app/providers.tsx';
import { i18nReady } from './lib/i18n/i18n.ts';
import './app/styles.css';

// The first screen's data is asked for now, while its chunks (and the language) still load.
startFirstScreenQueries(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// In the device's language from the first frame (English needs no wait).
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// The app shell stays loadable offline once opened (see public/sw.js); not in development,
// where Vite serves unbundled modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
