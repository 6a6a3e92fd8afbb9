import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from './theme.js';
import { context2d } from '../engine/canvas.js';

/** A photo waiting in the queue. `file` is null for the built-in sample. */
export interface QueueItem {
  readonly id: string;
  readonly name: string;
  readonly file: File | null;
  readonly thumb: ImageBitmap | null;
  /** Decode at the largest size the browser allows (the user agreed to downscale). */
  readonly downscale: boolean;
}

/**
 * The photos a class brought: a picker, a sample, and thumbnails to choose which one to filter.
 * @fires files-chosen - detail: File[] picked with "Choose photos"
 * @fires photo-select - detail: id of the thumbnail chosen
 * @fires sample - the "Use sample photo" button
 */
@customElement('tl-photo-queue')
export class TlPhotoQueue extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      .pick { display: flex; gap: 10px; flex-wrap: wrap; }
      .pick > * { flex: 1; }
      input[type='file'] { position: absolute; opacity: 0; width: 1px; height: 1px; }
      label.button:has(+ input:focus-visible), input:focus-visible + label.button { box-shadow: var(--focus); }
      .hint { color: var(--muted); font-size: 0.8em; margin: 6px 0 0; }
      ul { list-style: none; margin: 10px 0 0; padding: 0; display: flex; gap: 8px; overflow-x: auto; padding-bottom: 4px; }
      li button {
        flex-direction: column;
        width: 120px;
        min-height: 110px;
        padding: 6px;
        border: 2px solid var(--line);
        color: var(--ink);
        font-weight: 500;
        font-size: 0.7em;
      }
      li button[aria-pressed='true'] { border: 4px solid var(--accent); padding: 4px; }
      canvas { width: 100px; height: 66px; object-fit: contain; background: var(--panel); }
      .name { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    `,
  ];

  @property({ attribute: false }) items: readonly QueueItem[] = [];
  @property({ attribute: 'selected-id' }) selectedId: string | null = null;

  private _onFiles(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this.dispatchEvent(new CustomEvent('files-chosen', { detail: files, bubbles: true, composed: true }));
  }

  private _onSelect(id: string): void {
    this.dispatchEvent(new CustomEvent('photo-select', { detail: id, bubbles: true, composed: true }));
  }

  private _onSample(): void {
    this.dispatchEvent(new CustomEvent('sample', { bubbles: true, composed: true }));
  }

  protected override updated(): void {
    for (const item of this.items) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas[data-id="${item.id}"]`);
      if (!canvas || !item.thumb || canvas.dataset['drawn'] === 'true') continue;
      canvas.width = item.thumb.width;
      canvas.height = item.thumb.height;
      context2d(canvas).drawImage(item.thumb, 0, 0);
      canvas.dataset['drawn'] = 'true';
    }
  }

  override render() {
    return html`
      <div class="pick">
        <input id="files" type="file" accept="image/*" multiple @change=${this._onFiles} />
        <label class="button" for="files">Choose photos</label>
        <button type="button" @click=${this._onSample}>Use sample photo</button>
      </div>
      <p class="hint">Or drop photos anywhere on the page, or paste one.</p>
      <ul aria-label="Photo queue">
        ${this.items.map(
          (item) => html`
            <li>
              <button type="button" aria-pressed=${item.id === this.selectedId ? 'true' : 'false'}
                @click=${() => this._onSelect(item.id)} title=${item.name}>
                <canvas data-id=${item.id} aria-hidden="true"></canvas>
                <span class="name">${item.name}</span>
              </button>
            </li>
          `,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-photo-queue': TlPhotoQueue;
  }
}
