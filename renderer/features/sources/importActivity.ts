/**
 * Imports in flight, for the one status line that shows them: every import
 * (file chooser, drop, paste, web address, Update source…) registers a job
 * here with its label, its progress and a Cancel; and an import that needs
 * text recognition waits here for the user's answer to the OCR question.
 * A tiny external store (useSyncExternalStore), so the hooks that start
 * imports and the component that shows them need not share a parent.
 */
import { useSyncExternalStore } from 'react';
import type { OcrOffer } from '../../../shared/import/errors';
import type { ImportProgress } from '../../../shared/import/progress';
import type { OcrChoice } from '../../import/importPdf';

export interface ImportJobView {
  id: number;
  label: string;
  progress: ImportProgress | null;
  /** Shown once the import has taken longer than a moment (quick ones never flash a status). */
  visible: boolean;
  cancel(): void;
}

export interface OcrQuestion {
  id: number;
  label: string;
  message: string;
  offer: OcrOffer;
  answer(choice: OcrChoice | null): void;
}

export interface ImportActivity {
  jobs: readonly ImportJobView[];
  question: OcrQuestion | null;
}

/** How long an import runs before its status line appears. */
export const STATUS_DELAY_MS = 400;
/** Progress reaches the screen at most this often (OCR reports many times a second). */
const REPAINT_MS = 100;

let state: ImportActivity = { jobs: [], question: null };
const listeners = new Set<() => void>();
const waitingQuestions: OcrQuestion[] = [];
let nextId = 1;

function publish(next: ImportActivity): void {
  state = next;
  for (const listener of listeners) listener();
}

function updateJob(id: number, patch: Partial<ImportJobView>): void {
  if (!state.jobs.some((j) => j.id === id)) return;
  publish({ ...state, jobs: state.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) });
}

/** The current state, outside React (tests, and code that must not subscribe). */
export function importActivity(): ImportActivity {
  return state;
}

export function useImportActivity(): ImportActivity {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

export interface ImportJob {
  /** Aborted by the job's Cancel, or by the caller's own signal (a dialog closed). */
  signal: AbortSignal;
  report(progress: ImportProgress): void;
  finish(): void;
}

/** Register an import. `parent` (a dialog's signal) cancels it too. */
export function startJob(label: string, parent?: AbortSignal): ImportJob {
  const id = nextId++;
  const controller = new AbortController();
  const signal = parent ? AbortSignal.any([controller.signal, parent]) : controller.signal;
  let latest: ImportProgress | null = null;
  let repaint: ReturnType<typeof setTimeout> | undefined;
  const show = setTimeout(() => updateJob(id, { visible: true, progress: latest }), STATUS_DELAY_MS);
  publish({ ...state, jobs: [...state.jobs, { id, label, progress: null, visible: false, cancel: () => controller.abort() }] });
  return {
    signal,
    report(progress) {
      latest = progress;
      repaint ??= setTimeout(() => {
        repaint = undefined;
        updateJob(id, { progress: latest });
      }, REPAINT_MS);
    },
    finish() {
      clearTimeout(show);
      clearTimeout(repaint);
      publish({ ...state, jobs: state.jobs.filter((j) => j.id !== id) });
    },
  };
}

/**
 * Ask the user what to do with pages that need OCR. Questions from several
 * imports are asked one at a time. Resolves null when the user cancels or the
 * import is cancelled meanwhile.
 */
export function askOcr(label: string, message: string, offer: OcrOffer, signal?: AbortSignal): Promise<OcrChoice | null> {
  return new Promise((resolve) => {
    const id = nextId++;
    const onAbort = () => question.answer(null);
    const question: OcrQuestion = {
      id,
      label,
      message,
      offer,
      answer(choice) {
        signal?.removeEventListener('abort', onAbort);
        const queued = waitingQuestions.indexOf(question);
        if (queued >= 0) waitingQuestions.splice(queued, 1);
        if (state.question?.id === id) publish({ ...state, question: waitingQuestions.shift() ?? null });
        resolve(choice);
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (state.question) waitingQuestions.push(question);
    else publish({ ...state, question });
  });
}
