/**
 * Per-thread scratch memory for kernels. Buffers only grow, so a thread that filters
 * thousands of tiles allocates a handful of times, not once a tile.
 */
export class Scratch {
  private readonly i32 = new Map<string, Int32Array>();
  private readonly u8 = new Map<string, Uint8Array>();
  private readonly f64 = new Map<string, Float64Array>();
  private readonly f32 = new Map<string, Float32Array>();
  private readonly words = new WeakMap<ArrayBufferLike, Uint32Array>();
  /** Cache key of the lookup tables currently held (see point kernels). */
  lutKey = '';

  /**
   * `bytes` seen as one 32-bit word a pixel, cached per buffer. Pixel planes always start on
   * a pixel boundary, so the view is exact.
   */
  pixelWords(bytes: Uint8Array): Uint32Array {
    let w = this.words.get(bytes.buffer);
    if (!w || w.byteOffset !== bytes.byteOffset || w.length !== bytes.length >> 2) {
      w = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
      this.words.set(bytes.buffer, w);
    }
    return w;
  }

  int32(name: string, length: number): Int32Array {
    return grow(this.i32, name, length, (n) => new Int32Array(n));
  }
  uint8(name: string, length: number): Uint8Array {
    return grow(this.u8, name, length, (n) => new Uint8Array(n));
  }
  float64(name: string, length: number): Float64Array {
    return grow(this.f64, name, length, (n) => new Float64Array(n));
  }
  float32(name: string, length: number): Float32Array {
    return grow(this.f32, name, length, (n) => new Float32Array(n));
  }
}

function grow<T extends { length: number }>(map: Map<string, T>, name: string, length: number, make: (n: number) => T): T {
  const have = map.get(name);
  if (have && have.length >= length) return have;
  // Grow by at least half again so slowly rising sizes do not reallocate each time.
  const next = make(Math.max(length, have ? Math.ceil(have.length * 1.5) : length));
  map.set(name, next);
  return next;
}
