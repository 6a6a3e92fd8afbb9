import { html } from 'lit';
import { saveBlob } from './download.js';
import { context2d } from '../engine/canvas.js';

/** The SVG as a standalone file: namespace, white background, system font. */
function serialize(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('font-family', 'system-ui, sans-serif');
  const [, , w, h] = (copy.getAttribute('viewBox') ?? '0 0 1000 500').split(/\s+/).map(Number);
  copy.setAttribute('width', String(w));
  copy.setAttribute('height', String(h));
  copy.setAttribute('style', 'background:#fff;color:#111827');
  return new XMLSerializer().serializeToString(copy);
}

export function saveSvg(svg: SVGSVGElement, name: string): void {
  saveBlob(new Blob([serialize(svg)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** Rasterise the SVG at twice its size, on white, and save it as PNG. */
export async function savePng(svg: SVGSVGElement, name: string): Promise<void> {
  const text = serialize(svg);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth * 2;
  canvas.height = img.naturalHeight * 2;
  const ctx = context2d(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error(`the browser could not encode ${name} as PNG`);
  saveBlob(blob, `${name}.png`);
}

/** "Save SVG" and "Save PNG" buttons for the chart that `find` returns. */
export function exportButtons(find: () => SVGSVGElement | null, name: string, label: string) {
  const run = (f: (svg: SVGSVGElement, name: string) => unknown) => () => {
    const svg = find();
    // A failure here reaches the page's catch-all for unhandled rejections, which shows it.
    if (svg) void f(svg, name);
  };
  return html`<span class="export">
    <button type="button" class="small" aria-label="Save ${label} as SVG" @click=${run(saveSvg)}>SVG</button>
    <button type="button" class="small" aria-label="Save ${label} as PNG" @click=${run(savePng)}>PNG</button>
  </span>`;
}
