import { html } from 'lit';
import type { PwaEvent } from '../pwa/register.js';

/** What the service worker has to tell, with a way to act on it and to dismiss it. */
export function pwaBanner(e: PwaEvent | null, dismiss: () => void) {
  if (!e) return '';
  const close = html`<button type="button" class="small" @click=${dismiss}>Dismiss</button>`;
  switch (e.kind) {
    case 'preparing':
      return html`<p class="banner"><span>Getting ready to work offline: saving a copy of Tilelab…</span>${close}</p>`;
    case 'offline-failed':
      return html`<p class="banner"><span>This browser could not keep Tilelab for offline use; it works while online.</span>${close}</p>`;
    case 'offline-ready':
      return html`<p class="banner"><span>Ready to work offline: Tilelab now runs with the network off.</span>${close}</p>`;
    case 'update-available':
      return html`<p class="banner"><span>Update available: a new version of Tilelab is ready.</span>
        <button type="button" class="small primary" @click=${e.apply}>Reload to update</button>${close}</p>`;
    case 'isolation-failed':
      return html`<p class="banner"><span>This host does not allow shared memory even through the offline cache, so parallel mode passes messages.</span>${close}</p>`;
  }
}
