/**
 * A canvas's 2D context. Browsers give none when they are out of canvas memory, or when the
 * canvas already has another kind of context; that is a failure to report, not to assume away.
 */
export function context2d(canvas: HTMLCanvasElement, options?: CanvasRenderingContext2DSettings): CanvasRenderingContext2D;
export function context2d(canvas: OffscreenCanvas, options?: CanvasRenderingContext2DSettings): OffscreenCanvasRenderingContext2D;
export function context2d(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  options?: CanvasRenderingContext2DSettings,
): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  // One call per kind: on the union, TypeScript would mix in the other kinds of context.
  const ctx = isOffscreen(canvas) ? canvas.getContext('2d', options) : canvas.getContext('2d', options);
  if (!ctx) throw new Error(`the browser could not give a ${canvas.width} × ${canvas.height} px canvas to draw on`);
  return ctx;
}

const isOffscreen = (canvas: HTMLCanvasElement | OffscreenCanvas): canvas is OffscreenCanvas =>
  typeof OffscreenCanvas !== 'undefined' && canvas instanceof OffscreenCanvas;
