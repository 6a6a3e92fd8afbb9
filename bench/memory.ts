/// <reference types="node" />
/** Memory of one browser's process tree, read from /proc. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { RunMode } from '../src/core/modes.js';

/**
 * The memory of the benchmark's own browser: its process and every process below it (zygotes,
 * renderers, GPU and utility processes), and no other Chromium on the machine.
 *
 * The peak is the summed resident set (RSS, from /proc/<pid>/statm: a quarter of a millisecond
 * for the whole tree), sampled every 50 ms while photos load and runs go. RSS counts a page shared
 * by several processes in each of them; the proportional set size (PSS, from smaps_rollup) counts
 * it once in all, but reading it walks every page table, about 100 ms for a tree holding a 24 MP
 * photo, which would steal a core from the runs it measures. So PSS is read only outside timed
 * work: at the idle baseline and once the runs are over, with the photo still loaded.
 */
export interface MemoryResult {
  image: string;
  width: number;
  height: number;
  /** Processes in the browser's tree at the peak. */
  processes: number;
  /** Summed RSS with a 16×16 photo loaded. */
  baselineBytes: number;
  /** Highest summed RSS sampled. */
  peakBytes: number;
  /** Summed PSS at the baseline and after the runs (photo still loaded); null where smaps_rollup is unreadable. */
  baselinePssBytes: number | null;
  finalPssBytes: number | null;
  finalRssBytes: number;
  runs: Partial<Record<RunMode, { outcome: string; wallMs: number }>>;
}

/** Read a /proc file, or null when the process has gone (or the file does not exist here). */
function procFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Children of `pid`, from each of its threads' `children` lists (a child is listed under the thread that forked it). */
function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tids.flatMap((tid) => (procFile(`/proc/${pid}/task/${tid}/children`) ?? '').split(' ').filter(Boolean).map(Number));
}

/** Children of `pid` from every process's parent pid, for kernels without `children` lists. */
function childrenByScan(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procFile(`/proc/${name}/stat`);
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (ppid === pid) out.push(Number(name));
  }
  return out;
}

const HAS_CHILDREN_LISTS = existsSync(`/proc/self/task/${process.pid}/children`);

/** `root` and every process below it. */
function processTree(root: number): number[] {
  const children = HAS_CHILDREN_LISTS ? childrenOf : childrenByScan;
  const out: number[] = [];
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    out.push(pid);
    queue.push(...children(pid));
  }
  return out;
}

const PAGE_BYTES = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/** Memory of one process tree. The tree is walked again at most once a second: walking it costs about 10 ms. */
export function treeMemory(root: number) {
  let pids: number[] = [];
  let walkedAt = -Infinity;
  const tree = (): number[] => {
    if (performance.now() - walkedAt > 1000) {
      pids = processTree(root);
      walkedAt = performance.now();
    }
    return pids;
  };
  return {
    /** Summed RSS and the processes it was read from (one that exited meanwhile is skipped). */
    rss(): { bytes: number; processes: number } {
      let bytes = 0;
      let processes = 0;
      for (const pid of tree()) {
        // statm: sizes in pages; the second field is the resident set.
        const statm = procFile(`/proc/${pid}/statm`);
        if (statm === null) continue;
        bytes += Number(statm.split(' ')[1]) * PAGE_BYTES;
        processes++;
      }
      return { bytes, processes };
    },
    /** Summed PSS, or null where a live process's smaps_rollup cannot be read. Slow: never while timing. */
    pss(): number | null {
      walkedAt = -Infinity;
      let bytes = 0;
      for (const pid of tree()) {
        const rollup = procFile(`/proc/${pid}/smaps_rollup`);
        if (rollup === null) {
          if (existsSync(`/proc/${pid}`)) return null;
          continue; // exited between listing and reading
        }
        const m = /^Pss:\s+(\d+) kB/m.exec(rollup);
        if (!m) return null;
        bytes += Number(m[1]) * 1024;
      }
      return bytes;
    },
  };
}
export const gib = (bytes: number): string => (bytes / 2 ** 30).toFixed(2);
