export function median(
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
  radius: i32,
): void {
  unreachable();
}
export function medianScratch(tw: i32, th: i32, radius: i32): i32 {
  return 0;
}
