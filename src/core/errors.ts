/** The sentence an error carries, whatever was thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A run that could not finish because every worker failed; `faults` says how each one did. */
export class AllWorkersFailed<F extends Error = Error> extends Error {
  constructor(readonly faults: readonly F[]) {
    super(`every worker failed, so the run could not finish (${faults.map((f) => f.message).join('; ')})`);
  }
}
