import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type AutosaveOptions, type AutosaveStatus } from '../../../../renderer/lib/autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** An autosave over a fake store that records every write, its sequence number and any overlap. */
function recorder(opts: { delayMs?: number } & Partial<AutosaveOptions<string>> = {}) {
  const saved: string[] = [];
  const seqs: number[] = [];
  const statuses: AutosaveStatus[] = [];
  let failures = 0;
  let running = 0;
  let maxRunning = 0;
  const autosave = createAutosave<string>({
    debounceMs: 1000,
    maxWaitMs: 5000,
    save: async (value, seq) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        if (failures > 0) {
          failures--;
          throw new Error('disk full');
        }
        saved.push(value);
        seqs.push(seq);
      } finally {
        running--;
      }
    },
    onStatus: (s) => statuses.push(s),
    ...opts,
  });
  return { autosave, saved, seqs, statuses, failNext: (n = 1) => (failures = n), maxRunning: () => maxRunning };
}

describe('autosave', () => {
  it('discard forgets the unsaved value: nothing is written, later values are', async () => {
    const { autosave, saved } = recorder();
    autosave.schedule('typed here, merged elsewhere');
    autosave.discard();
    expect(autosave.status).toBe('saved');
    await vi.advanceTimersByTimeAsync(6000);
    await autosave.flush();
    expect(saved).toEqual([]);
    autosave.schedule('next');
    await autosave.flush();
    expect(saved).toEqual(['next']);
  });

  it('debounces: one save about a second after the last change', async () => {
    const { autosave, saved, statuses } = recorder();
    autosave.schedule('a');
    expect(autosave.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(500);
    autosave.schedule('ab');
    await vi.advanceTimersByTimeAsync(999);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['ab']);
    expect(autosave.status).toBe('saved');
    expect(statuses).toEqual(['pending', 'pending', 'saving', 'saved']);
  });

  it('saves at the latest 5 s after the first unsaved change, even while typing goes on', async () => {
    const start = Date.now();
    const startedAt: number[] = [];
    const { autosave, saved } = recorder({ onStatus: (s) => s === 'saving' && startedAt.push(Date.now() - start) });
    for (let t = 0; t < 4900; t += 400) {
      autosave.schedule(`v${t}`);
      await vi.advanceTimersByTimeAsync(400);
    }
    // Typing every 400 ms never leaves a 1 s pause; the deadline at 5 s writes what was typed at 4.8 s.
    expect(saved).toEqual(['v4800']);
    expect(startedAt).toEqual([5000]);
  });

  it('measures the 5 s again from the first change after a save', async () => {
    const { autosave, saved } = recorder();
    autosave.schedule('first');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['first']);
    const restart = Date.now();
    let savedAt = -1;
    for (let i = 0; i < 20 && savedAt < 0; i++) {
      autosave.schedule(`second ${i}`);
      await vi.advanceTimersByTimeAsync(300);
      if (saved.length === 2) savedAt = Date.now() - restart;
    }
    expect(savedAt).toBeGreaterThanOrEqual(5000);
    expect(savedAt).toBeLessThanOrEqual(5300);
  });

  it('flush saves at once and is a no-op when nothing is pending', async () => {
    const { autosave, saved } = recorder();
    await autosave.flush();
    expect(saved).toEqual([]);
    autosave.schedule('draft');
    await autosave.flush();
    expect(saved).toEqual(['draft']);
    await autosave.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toEqual(['draft']);
  });

  it('never overlaps saves, and writes only the newest of the values typed during a save', async () => {
    const { autosave, saved, seqs, maxRunning } = recorder({ delayMs: 300 });
    autosave.schedule('one');
    const first = autosave.flush();
    await vi.advanceTimersByTimeAsync(100);
    autosave.schedule('one two');
    autosave.schedule('one two three');
    const second = autosave.flush();
    const third = autosave.flush();
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all([first, second, third]);
    expect(saved).toEqual(['one', 'one two three']);
    expect(seqs).toEqual([1, 3]);
    expect(maxRunning()).toBe(1);
    expect(autosave.status).toBe('saved');
  });

  it('saves a change made during a save by its own debounce, after the running save', async () => {
    const { autosave, saved, maxRunning } = recorder({ delayMs: 2000 });
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(1000); // the save of 'a' starts and takes 2 s
    autosave.schedule('ab');
    await vi.advanceTimersByTimeAsync(1000); // the debounce of 'ab' ends while 'a' is still saving
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['a']);
    expect(autosave.status).toBe('saving');
    await vi.advanceTimersByTimeAsync(2000);
    expect(saved).toEqual(['a', 'ab']);
    expect(maxRunning()).toBe(1);
  });

  it('reports an error, keeps the value, and retries on the next flush', async () => {
    const { autosave, saved, statuses, failNext } = recorder();
    const errors: unknown[] = [];
    const withErrors = recorder({ onStatus: (s, e) => s === 'error' && errors.push(e) });
    failNext();
    autosave.schedule('x');
    await autosave.flush();
    expect(autosave.status).toBe('error');
    expect(statuses.at(-1)).toBe('error');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toEqual([]);
    await autosave.flush();
    expect(saved).toEqual(['x']);
    expect(statuses.at(-1)).toBe('saved');

    withErrors.failNext();
    withErrors.autosave.schedule('y');
    await withErrors.autosave.flush();
    expect(errors).toEqual([new Error('disk full')]);
  });

  it('retries after an error on the next change, with that newer value', async () => {
    const { autosave, saved, failNext } = recorder();
    failNext();
    autosave.schedule('x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(autosave.status).toBe('error');
    autosave.schedule('xy');
    expect(autosave.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['xy']);
    expect(autosave.status).toBe('saved');
  });

  it('ignores empty values until something non-empty was typed (a loading editor is not a cleared one)', async () => {
    const { autosave, saved } = recorder({ isEmpty: (v) => v.trim() === '' });
    autosave.schedule('');
    autosave.schedule(' ');
    await autosave.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toEqual([]);
    expect(autosave.status).toBe('saved');
    autosave.schedule('typed');
    autosave.schedule('');
    await autosave.flush();
    // After real typing, clearing is an edit like any other (the repository decides whether to keep it).
    expect(saved).toEqual(['']);
  });

  it('dispose flushes what is pending, then accepts nothing more', async () => {
    const { autosave, saved } = recorder();
    autosave.schedule('last words');
    await autosave.dispose();
    expect(saved).toEqual(['last words']);
    autosave.schedule('after dispose');
    await autosave.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toEqual(['last words']);
  });

  it('runs on injected timers and clock', async () => {
    const queue: { fn: () => void; at: number }[] = [];
    let clock = 0;
    const saved: string[] = [];
    const autosave = createAutosave<string>({
      save: async (v) => {
        saved.push(v);
      },
      now: () => clock,
      timers: {
        setTimeout: (fn, ms) => queue.push({ fn, at: clock + ms }) - 1,
        clearTimeout: (id) => {
          const entry = queue[id as number];
          if (entry) entry.fn = () => {};
        },
      },
    });
    autosave.schedule('a');
    expect(queue.map((q) => q.at)).toEqual([1000]);
    clock = 4500;
    autosave.schedule('ab');
    // Only 500 ms of the 5 s maximum wait remain.
    expect(queue.at(-1)?.at).toBe(5000);
    queue.at(-1)!.fn();
    await autosave.flush();
    expect(saved).toEqual(['ab']);
  });
});
