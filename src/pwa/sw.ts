/// <reference lib="webworker" />
/**
 * Tilelab's service worker: precaches every asset the app needs (workers included), serves the
 * app from that cache when the network is off, and adds the cross-origin isolation headers to
 * same-origin responses, so SharedArrayBuffer works even on a static host that sends none.
 */
import { cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

self.addEventListener('install', () => {
  // The first version takes over at once; later ones wait until the page agrees to update.
  if (!self.registration.active) void self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** The same response with the isolation headers set (opaque responses cannot be changed). */
function isolated(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(ISOLATION_HEADERS)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request: Request): Promise<Response> {
  const cached = await matchPrecache(request.mode === 'navigate' ? 'index.html' : request.url);
  if (cached) return isolated(cached);
  try {
    return isolated(await fetch(request));
  } catch {
    return new Response('Tilelab is offline and this file was not saved for offline use.', { status: 504 });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
