/**
 * Longest side of the photo's canvases, in CSS pixels: about what the stage shows on a large
 * screen. Every canvas pixel is composited each frame and each finished tile is sampled at this
 * size, so the page's own work does not grow with the photo.
 */
const VIEW_SIDE = 1200;

/** Device pixels per CSS pixel the canvases are drawn at: the screen's, between 1 and 2. */
const pixelScale = (ratio: number): number => Math.min(2, Math.max(1, ratio));

/**
 * The longest side the stage can have on this screen, in CSS pixels: VIEW_SIDE, or the screen's
 * longer side where that is smaller (a phone turned sideways still fits), so a phone neither
 * paints nor composites canvases several times larger than it can show.
 */
export function viewSide(screenSize = (globalThis as { screen?: { width: number; height: number } }).screen): number {
  const longest = screenSize ? Math.max(screenSize.width, screenSize.height) : 0;
  return longest > 0 ? Math.min(VIEW_SIDE, longest) : VIEW_SIDE;
}

/** The longest side, in device pixels, the page shows a photo at: the size the decode worker scales the shown bitmap to. */
export const displaySide = (pixelRatio = globalThis.devicePixelRatio || 1, side = viewSide()): number =>
  Math.round(side * pixelScale(pixelRatio));

/** The canvases' size for a photo shown as `b`: its own size, or smaller to fit the display side. */
export function canvasSize(
  b: { width: number; height: number },
  pixelRatio = globalThis.devicePixelRatio || 1,
  side = viewSide(),
): { width: number; height: number } {
  const k = Math.min(1, displaySide(pixelRatio, side) / Math.max(b.width, b.height));
  return { width: Math.max(1, Math.round(b.width * k)), height: Math.max(1, Math.round(b.height * k)) };
}
