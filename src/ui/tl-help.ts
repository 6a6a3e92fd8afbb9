import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { SHORTCUTS } from './shortcuts.js';
import { theme } from './theme.js';

/**
 * The keyboard shortcuts, in a native modal dialog: the browser traps focus in it, Esc closes
 * it, and focus goes back to where it was.
 */
@customElement('tl-help')
export class TlHelp extends LitElement {
  static override styles = [
    theme,
    css`
      dialog {
        background: var(--paper);
        color: var(--ink);
        border: 2px solid var(--line);
        border-radius: var(--radius);
        padding: 16px 20px;
        max-width: min(34em, calc(100vw - 32px));
        box-sizing: border-box;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 50%);
      }
      h2 {
        font-size: 1.2em;
        margin: 0 0 10px;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: left;
        padding: 6px 10px;
        border-bottom: 1px solid var(--rule);
      }
      kbd {
        display: inline-block;
        min-width: 1.6em;
        padding: 2px 8px;
        border: 2px solid var(--line);
        border-radius: 6px;
        background: var(--panel);
        font: inherit;
        font-weight: 700;
        text-align: center;
      }
      p {
        color: var(--muted);
        font-size: 0.85em;
      }
      .close {
        display: flex;
        justify-content: flex-end;
        margin-top: 12px;
      }
    `,
  ];

  /** Null until the first render. */
  @query('dialog') private dialog!: HTMLDialogElement | null;

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  show(): void {
    if (this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  close(): void {
    this.dialog?.close();
  }

  override render() {
    return html`
      <dialog aria-labelledby="help-title">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table>
          <thead><tr><th scope="col">Key</th><th scope="col">What it does</th></tr></thead>
          <tbody>
            ${SHORTCUTS.map((s) => html`<tr><td><kbd>${s.shown}</kbd></td><td>${s.does}</td></tr>`)}
          </tbody>
        </table>
        <p>Shortcuts wait while you type in a box or choose from a menu, and never take Ctrl, Cmd or Alt.</p>
        <div class="close"><button type="button" class="primary" @click=${() => this.close()}>Close</button></div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-help': TlHelp;
  }
}
