/**
 * The import worker: decoding, Markdown and Word conversion and the first
 * half of the HTML path run here (see prepareSource.ts), so the page keeps
 * answering while a big or hostile file is read. One request at a time per
 * message; each reply carries the request's id.
 */
import { ImportError } from '../../shared/import/errors';
import { prepareSource } from './prepareSource';
import type { ImportWorkerReply, ImportWorkerRequest } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWorkerReply): void;
};

scope.onmessage = (event) => {
  const { id, request } = event.data;
  prepareSource(request, (progress) => scope.postMessage({ id, type: 'progress', progress })).then(
    (value) => scope.postMessage({ id, type: 'done', value }),
    (error: unknown) =>
      scope.postMessage(
        error instanceof ImportError
          ? { id, type: 'error', code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) }
          : { id, type: 'error', message: error instanceof Error ? error.message : String(error) },
      ),
  );
};
