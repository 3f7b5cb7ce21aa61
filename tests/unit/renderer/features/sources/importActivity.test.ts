import { afterEach, describe, expect, it, vi } from 'vitest';
import { importErrors, ImportError } from '../../../../../shared/import/errors';
import type { ImportedSourceDraft } from '../../../../../shared/import/draft';
import { askOcr, importActivity, startJob, STATUS_DELAY_MS } from '../../../../../renderer/features/sources/importActivity';
import { draftWithProgress, type DraftControl } from '../../../../../renderer/features/sources/useImport';

afterEach(() => vi.useRealTimers());

const DRAFT = { sha256: 'x' } as ImportedSourceDraft;

describe('imports in flight', () => {
  it('shows a job only once it has run for a moment, with its latest progress, and removes it when done', async () => {
    vi.useFakeTimers();
    const job = startJob('report.pdf');
    expect(importActivity().jobs).toMatchObject([{ label: 'report.pdf', visible: false }]);
    job.report({ message: 'Reading page 1 of 3…', done: 0, total: 3 });
    job.report({ message: 'Reading page 2 of 3…', done: 1, total: 3 });
    await vi.advanceTimersByTimeAsync(STATUS_DELAY_MS);
    expect(importActivity().jobs).toMatchObject([{ visible: true, progress: { message: 'Reading page 2 of 3…', done: 1, total: 3 } }]);
    job.finish();
    expect(importActivity().jobs).toEqual([]);
  });

  it('cancels through its own Cancel or through the caller’s signal', () => {
    const own = startJob('a.pdf');
    importActivity().jobs.find((j) => j.label === 'a.pdf')!.cancel();
    expect(own.signal.aborted).toBe(true);
    own.finish();
    const parent = new AbortController();
    const child = startJob('b.pdf', parent.signal);
    parent.abort();
    expect(child.signal.aborted).toBe(true);
    child.finish();
  });

  it('asks OCR questions one at a time, and answers null when the import is cancelled meanwhile', async () => {
    const offer = { scanned: [1], garbled: [], pageCount: 1, image: false };
    const cancelled = new AbortController();
    const first = askOcr('one.pdf', 'first', offer);
    const second = askOcr('two.pdf', 'second', offer, cancelled.signal);
    const third = askOcr('three.pdf', 'third', offer);
    expect(importActivity().question?.label).toBe('one.pdf');
    cancelled.abort();
    expect(await second).toBeNull();
    importActivity().question!.answer({ languages: ['eng'] });
    expect(await first).toEqual({ languages: ['eng'] });
    // The cancelled question never shows; the next one does.
    expect(importActivity().question?.label).toBe('three.pdf');
    importActivity().question!.answer('leave-out');
    expect(await third).toBe('leave-out');
    expect(importActivity().question).toBeNull();
  });
});

describe('draftWithProgress', () => {
  it('asks about OCR when the pipeline needs it and runs it again with the answer', async () => {
    const calls: DraftControl[] = [];
    const make = async (control: DraftControl) => {
      calls.push(control);
      if (!control.ocr) throw importErrors.needsOcr('scan.pdf', [1, 2], [], 2);
      return DRAFT;
    };
    const result = draftWithProgress('scan.pdf', make);
    await vi.waitFor(() => expect(importActivity().question?.message).toMatch(/^“scan\.pdf” has no text layer: it looks scanned\./));
    importActivity().question!.answer({ languages: ['fra', 'eng'] });
    expect(await result).toBe(DRAFT);
    expect(calls.map((c) => c.ocr)).toEqual([undefined, { languages: ['fra', 'eng'] }]);
    expect(calls[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(importActivity().jobs).toEqual([]);
  });

  it('resolves null when the user cancels the question or the import, and passes real failures on', async () => {
    const asking = draftWithProgress('scan.pdf', async (control) => {
      if (!control.ocr) throw importErrors.needsOcr('scan.pdf', [1], [], 1);
      return DRAFT;
    });
    await vi.waitFor(() => expect(importActivity().question).not.toBeNull());
    importActivity().question!.answer(null);
    expect(await asking).toBeNull();

    const slow = draftWithProgress('big.pdf', (control) => new Promise((_, reject) => control.signal!.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')))));
    importActivity().jobs.find((j) => j.label === 'big.pdf')!.cancel();
    expect(await slow).toBeNull();

    // A pipeline that ignores the signal and finishes anyway: its draft is dropped.
    let finish: (draft: ImportedSourceDraft) => void = () => undefined;
    const stubborn = draftWithProgress('slow.html', () => new Promise<ImportedSourceDraft>((resolve) => (finish = resolve)));
    importActivity().jobs.find((j) => j.label === 'slow.html')!.cancel();
    finish(DRAFT);
    expect(await stubborn).toBeNull();

    await expect(draftWithProgress('bad.pdf', async () => Promise.reject(importErrors.blankPdf('bad.pdf', 1)))).rejects.toBeInstanceOf(ImportError);
    expect(importActivity().jobs).toEqual([]);
  });
});
