import { at } from './view';

/**
 * Invert, brightness, contrast: one byte map for R, G and B (256 bytes at `lut`, made by the page
 * with the JavaScript kernel's own rounding); alpha is kept.
 */
export function transfer(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  dst: usize,
  dx: i32,
  dy: i32,
  dw: i32,
  width: i32,
  height: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
  scratch: usize,
  lut: usize,
): void {
  for (let y = ty; y < ty + th; y++) {
    let s = at(src, sx, sy, sw, tx, y);
    let d = at(dst, dx, dy, dw, tx, y);
    for (let x = 0; x < tw; x++, s += 4, d += 4) {
      const p = load<u32>(s);
      store<u32>(
        d,
        (<u32>load<u8>(lut + (p & 255))) |
          ((<u32>load<u8>(lut + ((p >>> 8) & 255))) << 8) |
          ((<u32>load<u8>(lut + ((p >>> 16) & 255))) << 16) |
          (p & 0xff000000),
      );
    }
  }
}

export function matrix(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  dst: usize,
  dx: i32,
  dy: i32,
  dw: i32,
  width: i32,
  height: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
  scratch: usize,
  m0: f64,
  m1: f64,
  m2: f64,
  m3: f64,
  m4: f64,
  m5: f64,
  m6: f64,
  m7: f64,
  m8: f64,
  grey: i32,
): void {
  unreachable();
}
