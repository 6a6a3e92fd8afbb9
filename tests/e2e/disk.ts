import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@playwright/test';

export interface FileToChoose {
  readonly name: string;
  readonly buffer: Buffer;
}

let batches = 0;

/**
 * `files` written into the running test's output folder, as paths for `setInputFiles`. Given a
 * path, the browser reads the file from disk at once; a buffer crosses the DevTools protocol at a
 * megabyte or two a second (an 18 MB PNG took 11 s). The browser takes each file's type from
 * its name, as it does for a file chosen from a disk.
 */
export function onDisk(files: readonly FileToChoose[]): string[] {
  const dir = test.info().outputPath(`chosen-${++batches}`);
  mkdirSync(dir, { recursive: true });
  return files.map(({ name, buffer }) => {
    const path = join(dir, name);
    writeFileSync(path, buffer);
    return path;
  });
}
