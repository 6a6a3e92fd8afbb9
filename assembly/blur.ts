export function blur(
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
  d: i32,
): void {
  unreachable();
}
export function blurScratch(tw: i32, th: i32, d: i32): i32 {
  return 0;
}
export function sharpen(
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
  d: i32,
  amount: f64,
): void {
  unreachable();
}
export function sharpenScratch(tw: i32, th: i32, d: i32): i32 {
  return 0;
}
