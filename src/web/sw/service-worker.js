/*
 * The app shell offline (issue 15 §3, decision 0048). Built by vite.config.ts into dist/web/sw.js,
 * which fills in the build's files and version. It keeps the web app itself — index.html and the
 * hashed scripts, styles and fonts — so the app opens in a stairwell without a connection once it
 * has been visited. It never keeps an answer of the API: those carry personal data (and are sent
 * no-store); visits recorded offline wait in the app's own encrypted store instead.
 */
const VERSION = '__VERSION__';
const PRECACHE = self.__PRECACHE__ ?? ['/'];
const CACHE = `staircase-shell-${VERSION}`;

/** Paths that are never the shell's: the API, the health check, the calendar feeds. */
const neverCached = (path) =>
  path.startsWith('/api/') || path === '/healthz' || path.startsWith('/calendar/');

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('staircase-shell-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || neverCached(url.pathname)) return;

  if (request.mode === 'navigate') {
    // Every page of the app is index.html: the newest from the network, the kept one offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const html = (response.headers.get('content-type') ?? '').includes('text/html');
          if (response.ok && html) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/', { cacheName: CACHE }).then((kept) => kept ?? Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    // Hashed file names: a file kept is the file asked for.
    event.respondWith(
      caches.match(request, { cacheName: CACHE }).then(
        (kept) =>
          kept ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
