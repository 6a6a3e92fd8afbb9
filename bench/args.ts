/// <reference types="node" />
/** The benchmark's command line, and what it says about the machine. */
import { execFileSync } from 'node:child_process';

export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv.at(i + 1) ?? fallback) : fallback;
};
export const list = (s: string): string[] => s.split(',').filter((x) => x !== '' && x !== 'none');

/** `s` as a whole number of at least `min`, or an error naming the option `--name`. */
export const wholeNumber = (name: string, s: string, min: number): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} wants a whole number ≥ ${min}, not "${s}"`);
  return n;
};
export function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

export function chromiumVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
