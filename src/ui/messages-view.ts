import { html } from 'lit';
import type { MessageStore } from './messages.js';

/** Every message kept, each with its details (a grouped drop names each file), its action and a Dismiss button. */
export const messagesView = (store: MessageStore) =>
  store.messages.map(
    (m) => html`<div class="message"><div class="text"><span>${m.text}</span>
        ${m.details.length ? html`<details><summary>Show each file</summary><ul>${m.details.map((d) => html`<li>${d}</li>`)}</ul></details>` : ''}</div>
      ${m.action ? html`<button type="button" @click=${() => (store.dismiss(m.id), m.action?.run())}>${m.action.label}</button>` : ''}
      <button type="button" aria-label="Dismiss message" @click=${() => store.dismiss(m.id)}>Dismiss</button></div>`,
  );
