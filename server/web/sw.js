// PAM's service worker: the app shell (the page, its scripts, styles and icons) comes
// from a cache on the device, so the page opens with no reception. The server writes
// this release's digest into VERSION when it serves this file: any change to the shell
// changes this file's bytes, so the browser installs the new worker, which caches the
// new shell and drops the old one. API calls are never cached here (the page keeps
// what it last read in IndexedDB, and queues messages there: see js/store.js).
const VERSION = "__PAM_SHELL_VERSION__";
const CACHE = `pam-shell-${VERSION}`;
const SHELL = [
  "/",
  "/static/styles.css",
  "/static/manifest.webmanifest",
  "/static/icon.svg",
  "/static/js/main.js",
  "/static/js/api.js",
  "/static/js/approvals.js",
  "/static/js/chat.js",
  "/static/js/dom.js",
  "/static/js/outbox.js",
  "/static/js/panel.js",
  "/static/js/signin.js",
  "/static/js/store.js",
  "/static/js/threads.js",
  "/static/js/turns.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith("pam-shell-") && name !== CACHE)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// The shell from the cache first (it is this release's, see VERSION), the network when
// a file is missing (the icons: the phone keeps the installed app's own copy). Vary is
// ignored: a module script's request carries an Origin header that the precache's did
// not, and the shell's files are the same for every origin allowed to load them.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === "/") {
    event.respondWith(caches.match("/", { ignoreVary: true }).then((hit) => hit || fetch(request)));
  } else if (url.pathname.startsWith("/static/")) {
    const kept = caches.match(request, { ignoreSearch: true, ignoreVary: true });
    event.respondWith(kept.then((hit) => hit || fetch(request)));
  }
});
