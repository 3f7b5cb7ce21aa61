import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type AutosaveStatus } from '../../../renderer/lib/autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function recorder(delayMs = 0) {
  const saved: string[] = [];
  const statuses: AutosaveStatus[] = [];
  let fail = false;
  const autosave = createAutosave<string>({
    debounceMs: 1000,
    maxWaitMs: 5000,
    save: async (value) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (fail) throw new Error('disk full');
      saved.push(value);
    },
    onStatus: (s) => statuses.push(s),
  });
  return { autosave, saved, statuses, setFail: (f: boolean) => (fail = f) };
}

describe('autosave', () => {
  it('debounces: one save about a second after the last change', async () => {
    const { autosave, saved } = recorder();
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(500);
    autosave.schedule('ab');
    await vi.advanceTimersByTimeAsync(900);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(saved).toEqual(['ab']);
    expect(autosave.status).toBe('saved');
  });

  it('saves at the latest 5 s after the first unsaved change, even while typing goes on', async () => {
    const { autosave, saved } = recorder();
    const start = Date.now();
    let savedAt = -1;
    for (let t = 0; t < 6000; t += 400) {
      autosave.schedule(`v${t}`);
      await vi.advanceTimersByTimeAsync(400);
      if (saved.length && savedAt < 0) savedAt = Date.now() - start;
    }
    // The newest value at the 5 s deadline was typed at 4.8 s.
    expect(saved[0]).toBe('v4800');
    expect(savedAt).toBeLessThanOrEqual(5200);
  });

  it('flush saves at once and is a no-op when nothing is pending', async () => {
    const { autosave, saved } = recorder();
    autosave.schedule('draft');
    await autosave.flush();
    expect(saved).toEqual(['draft']);
    await autosave.flush();
    expect(saved).toEqual(['draft']);
  });

  it('never overlaps saves and never lets an older value land after a newer one', async () => {
    const { autosave, saved } = recorder(300);
    autosave.schedule('one');
    const first = autosave.flush();
    await vi.advanceTimersByTimeAsync(100);
    autosave.schedule('one two');
    const second = autosave.flush();
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([first, second]);
    expect(saved).toEqual(['one', 'one two']);
  });

  it('reports an error and retries on the next flush', async () => {
    const { autosave, saved, statuses, setFail } = recorder();
    setFail(true);
    autosave.schedule('x');
    await autosave.flush();
    expect(autosave.status).toBe('error');
    setFail(false);
    await autosave.flush();
    expect(saved).toEqual(['x']);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('dispose flushes what is pending', async () => {
    const { autosave, saved } = recorder();
    autosave.schedule('last words');
    await autosave.dispose();
    expect(saved).toEqual(['last words']);
    autosave.schedule('after dispose');
    await vi.advanceTimersByTimeAsync(2000);
    expect(saved).toEqual(['last words']);
  });
});
