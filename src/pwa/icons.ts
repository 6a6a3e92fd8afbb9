/**
 * The app icon, painted by code at build time: four tiles on a blue square, the lab's picture
 * of a photo cut up for several workers. Node only (uses zlib through the caller).
 */
export interface IconSpec {
  readonly size: number;
  /** Maskable icons keep their drawing inside the central 80% safe zone. */
  readonly maskable: boolean;
}

export function paintIcon({ size, maskable }: IconSpec): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const bg = [29, 78, 216];
  const tileColours = [
    [255, 255, 255],
    [254, 215, 170],
    [191, 219, 254],
    [253, 230, 138],
  ];
  const radius = maskable ? 0 : size * 0.18;
  const inset = maskable ? size * 0.2 : size * 0.16;
  const gap = size * 0.06;
  const tile = (size - 2 * inset - gap) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      // Rounded corners: outside the radius the pixel stays transparent.
      const cx = Math.min(x, size - 1 - x),
        cy = Math.min(y, size - 1 - y);
      if (cx < radius && cy < radius && (radius - cx) ** 2 + (radius - cy) ** 2 > radius ** 2) continue;
      let c = bg;
      const tx = x - inset,
        ty = y - inset;
      const col = tx < tile ? 0 : tx >= tile + gap ? 1 : -1;
      const row = ty < tile ? 0 : ty >= tile + gap ? 1 : -1;
      if (tx >= 0 && ty >= 0 && tx < 2 * tile + gap && ty < 2 * tile + gap && col >= 0 && row >= 0) c = tileColours[row * 2 + col] ?? bg;
      rgba.set([...c, 255], o);
    }
  }
  return rgba;
}
