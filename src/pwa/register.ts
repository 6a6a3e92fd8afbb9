import { Workbox } from 'workbox-window';

export type PwaEvent =
  | { readonly kind: 'preparing' }
  | { readonly kind: 'offline-ready' }
  | { readonly kind: 'offline-failed' }
  | { readonly kind: 'update-available'; readonly apply: () => void }
  | { readonly kind: 'isolation-failed' };

const RELOAD_FLAG = 'tilelab-isolation-reload';
/** Set when "ready to work offline" was due but the page reloaded for isolation before showing it long. */
const OFFLINE_READY_FLAG = 'tilelab-offline-ready';

/**
 * Register the service worker (built app only) and tell the page what it needs to say: ready to
 * work offline (once), an update waiting. If the page is not cross-origin isolated yet, reload
 * once the worker controls it, so its headers apply; never more than once a session.
 */
export function registerServiceWorker(notify: (e: PwaEvent) => void): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  let offlineReady = false;
  if (sessionStorage.getItem(OFFLINE_READY_FLAG)) {
    sessionStorage.removeItem(OFFLINE_READY_FLAG);
    notify({ kind: 'offline-ready' });
  } else if (!navigator.serviceWorker.controller) {
    // A first visit: the note's place is taken now, so "ready to work offline" replaces it instead of pushing the photo down.
    notify({ kind: 'preparing' });
  }
  const failed = (): void => {
    if (!offlineReady) notify({ kind: 'offline-failed' });
  };
  wb.addEventListener('redundant', failed);

  wb.addEventListener('installed', (e) => {
    if (e.isUpdate) return;
    offlineReady = true;
    notify({ kind: 'offline-ready' });
  });
  wb.addEventListener('waiting', () => {
    notify({
      kind: 'update-available',
      apply: () => {
        wb.addEventListener('controlling', () => location.reload());
        wb.messageSkipWaiting();
      },
    });
  });

  if (!crossOriginIsolated) {
    const reloadOnce = (): void => {
      if (sessionStorage.getItem(RELOAD_FLAG)) return notify({ kind: 'isolation-failed' });
      sessionStorage.setItem(RELOAD_FLAG, '1');
      if (offlineReady) sessionStorage.setItem(OFFLINE_READY_FLAG, '1');
      location.reload();
    };
    if (navigator.serviceWorker.controller) reloadOnce();
    else wb.addEventListener('controlling', reloadOnce);
  } else {
    sessionStorage.removeItem(RELOAD_FLAG);
  }
  wb.register().catch(failed);
}
