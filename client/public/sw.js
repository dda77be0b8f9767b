// Keeps the app shell (index.html, the hashed build assets, the web app manifest and its icons)
// so that a page opened once still loads without a network; the data comes from the client's
// persisted query cache, kept per user (minutes and agendas the user opened included), and a
// minutes section's text from its document kept on the device. API and socket traffic is never
// cached here: one device may serve several users, and a cached answer would not know whose it is.
const CACHE = 'sidang-shell-v3';
const SHELL = '/index.html';
/** Installability: the manifest and its icons, fetched by the browser outside any page. */
const STATIC = [
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-48.png',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/maskable-512.png',
  '/icons/apple-touch-icon.png',
];
// Written by the build (vite.config.ts): every hashed script and style, routes loaded on demand
// included, so a page never opened online still has its code offline.
const ASSET_LIST = '/shell-assets.json';

async function precacheShell() {
  const cache = await caches.open(CACHE);
  await cache.add(SHELL);
  await cache.addAll(STATIC).catch(() => undefined);
  try {
    const response = await fetch(ASSET_LIST, { cache: 'no-cache' });
    if (!response.ok) return;
    const assets = await response.json();
    const missing = [];
    for (const asset of assets) {
      if (!(await cache.match(asset))) missing.push(asset);
    }
    await cache.addAll(missing);
  } catch {
    // The shell still works; route chunks are cached as they are first used.
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;

  if (request.mode === 'navigate') {
    // Network first: a deployed update is picked up at once; the cached shell only when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
          }
          return response;
        })
        .catch(() => caches.match(SHELL).then((cached) => cached ?? Response.error())),
    );
    return;
  }

  if (STATIC.includes(url.pathname)) {
    // Network first (a new icon or name is picked up), the kept copy offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request).then((cached) => cached ?? Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Content-hashed file names never change meaning: cache first.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
