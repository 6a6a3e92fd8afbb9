/**
 * "1 run", "3 runs", "1 tile", "0 tiles": a count and its noun, in English's two forms. Nouns
 * whose plural is not the noun plus "s" give it.
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The noun alone, for sentences that put the number elsewhere. */
export const noun = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);
