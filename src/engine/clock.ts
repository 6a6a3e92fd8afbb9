/**
 * The one clock every lane uses. `performance.now()` counts from each thread's own origin, so
 * spans from workers and the page only line up once `performance.timeOrigin` is added.
 */
export const sharedNow = (): number => performance.timeOrigin + performance.now();
