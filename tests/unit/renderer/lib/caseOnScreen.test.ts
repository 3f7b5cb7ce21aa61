import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markCaseOnScreen, whenCaseOnScreen } from '../../../../renderer/lib/caseOnScreen';

beforeEach(() => {
  vi.useFakeTimers();
  // One frame every 16 ms, as a page that paints.
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => setTimeout(() => callback(performance.now()), 16) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  markCaseOnScreen(null);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('whenCaseOnScreen', () => {
  it('waits until that case is on screen, then for a painted frame', () => {
    const task = vi.fn();
    whenCaseOnScreen('b', task);
    markCaseOnScreen('a');
    vi.advanceTimersByTime(1000);
    expect(task).not.toHaveBeenCalled();
    markCaseOnScreen('b');
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(task).toHaveBeenCalledTimes(1);
    markCaseOnScreen('b');
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs after the next paint when the case is already on screen', () => {
    markCaseOnScreen('a');
    const task = vi.fn();
    whenCaseOnScreen('a', task);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled, before or after the case appears', () => {
    const early = vi.fn();
    whenCaseOnScreen('a', early)();
    const late = vi.fn();
    const cancelLate = whenCaseOnScreen('a', late);
    markCaseOnScreen('a');
    cancelLate();
    vi.advanceTimersByTime(20_000);
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });

  it('runs anyway when the case is never said to be on screen', () => {
    const task = vi.fn();
    whenCaseOnScreen('a', task, 500);
    vi.advanceTimersByTime(499);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
