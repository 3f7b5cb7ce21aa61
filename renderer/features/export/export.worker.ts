/**
 * The export worker: citation formatting (citeproc) and DOCX packing take
 * hundreds of milliseconds on a long brief, so they run here and the page
 * keeps answering keys and clicks. One request at a time from the dialog;
 * each reply carries the request's id.
 */
import { builtInStyles, checkCustomStyle, jobErrorRef, runExportJob } from './exportJob';
import type { WorkerReply, WorkerRequest } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const request = event.data;
  void handle(request).catch((error: unknown) => scope.postMessage({ id: request.id, type: 'error', message: jobErrorRef(error) }));
};

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'styles':
      scope.postMessage({ id: request.id, type: 'done', value: builtInStyles() });
      return;
    case 'check-style':
      scope.postMessage({ id: request.id, type: 'done', value: checkCustomStyle(request.xml) });
      return;
    case 'export': {
      const result = await runExportJob(
        request.records,
        request.choices,
        request.kind,
        request.date,
        (progress) => scope.postMessage({ id: request.id, type: 'progress', progress }),
        request.words,
      );
      // File bytes move to the page without a copy.
      scope.postMessage({ id: request.id, type: 'done', value: result }, result.kind === 'file' ? [result.bytes.buffer as ArrayBuffer] : []);
    }
  }
}
