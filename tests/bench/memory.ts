/**
 * Memory of the browser the harness started, from the operating system:
 * the resident set size (RSS) of every process descended from this Node
 * process (Chromium's browser, renderer, GPU and utility processes), read
 * from /proc on Linux. Web workers and WebAssembly memory live in the
 * renderer process, so this sees what a page's JS heap does not. Shared pages
 * are counted once per process, so the sum overstates a little; increases
 * over a baseline are what the figures report.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Total RSS in MiB of this process's descendants, or NaN where /proc is not available. */
export function descendantsRssMiB(root = process.pid): number {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return Number.NaN;
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.pop()!;
    total += rssKiB(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

/** Sample the browser's RSS every `ms` until stopped; returns the baseline (first sample) and the peak. */
export function sampleRss(ms = 200): { stop(): { baselineMiB: number; peakMiB: number } } {
  const baselineMiB = descendantsRssMiB();
  let peakMiB = baselineMiB;
  const timer = setInterval(() => {
    peakMiB = Math.max(peakMiB, descendantsRssMiB());
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      peakMiB = Math.max(peakMiB, descendantsRssMiB());
      return { baselineMiB, peakMiB };
    },
  };
}
