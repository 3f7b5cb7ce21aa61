/** Messages between the page and the import worker (import.worker.ts). */
import type { MessageRef } from '../../shared/i18n';
import type { ImportErrorCode } from '../../shared/import/errors';
import type { PrepareProgress, PrepareRequest, PreparedSource } from './prepareSource';

export type ImportWorkerRequest = { id: number; request: PrepareRequest };

export type ImportWorkerReply =
  | { id: number; type: 'progress'; progress: PrepareProgress }
  | { id: number; type: 'done'; value: PreparedSource }
  | { id: number; type: 'error'; code?: ImportErrorCode; message: string; detail?: MessageRef };
