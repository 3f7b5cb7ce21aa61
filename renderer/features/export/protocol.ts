/** Messages between the export dialog and its worker (export.worker.ts). */
import type { MessageRef } from '../../../shared/i18n';
import type { ExportChoices, ExportKind, ExportProgress, ExportRecords, ExportWords, JobResult } from './choices';

export type WorkerRequest =
  | { id: number; type: 'export'; records: ExportRecords; choices: ExportChoices; kind: ExportKind; date: string; words: ExportWords }
  | { id: number; type: 'styles' }
  | { id: number; type: 'check-style'; xml: string };

export type WorkerReply =
  | { id: number; type: 'progress'; progress: ExportProgress }
  | { id: number; type: 'done'; value: JobResult | { id: string; title: string }[] | { title: string } }
  | { id: number; type: 'error'; message: MessageRef };
