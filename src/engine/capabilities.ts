/** What this browser offers the lab, and what the page should say when something is missing. */
export interface Capabilities {
  /** SharedArrayBuffer usable: the page is cross-origin isolated. */
  readonly sharedMemory: boolean;
  readonly idleCallback: boolean;
  readonly offscreenCanvas: boolean;
  /** Logical cores the browser reports (it may round or cap this). */
  readonly cores: number;
}

export function detectCapabilities(scope: typeof globalThis = globalThis): Capabilities {
  return {
    sharedMemory: typeof SharedArrayBuffer === 'function' && scope.crossOriginIsolated,
    idleCallback: typeof (scope as { requestIdleCallback?: unknown }).requestIdleCallback === 'function',
    offscreenCanvas: typeof (scope as { OffscreenCanvas?: unknown }).OffscreenCanvas === 'function',
    cores: Math.max(1, (scope.navigator as Navigator | undefined)?.hardwareConcurrency || 1),
  };
}

/** Plain-words notes for the page about missing features, empty when everything is there. */
export function capabilityNotes(c: Capabilities): string[] {
  const notes: string[] = [];
  if (!c.sharedMemory)
    notes.push(
      'Shared memory (SharedArrayBuffer) is not available here, so workers cannot share the photo: parallel mode copies each tile to a worker and back as a message, and the race experiment cannot run.',
    );
  if (!c.idleCallback)
    notes.push('This browser has no requestIdleCallback: concurrent mode uses a timer-based scheduler with short slices instead.');
  return notes;
}
