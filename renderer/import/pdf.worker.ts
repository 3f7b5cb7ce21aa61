/**
 * The PDF worker: pdf.js parses and paints here, with its parser on this
 * same thread (importing the parser module registers it, so pdf.js runs it
 * in-thread instead of starting a worker of its own). The main thread sends
 * bytes and receives page summaries, page images for OCR, and the finished
 * snapshot; Cancel terminates the worker.
 */
import * as pdfjs from 'pdfjs-dist';
import 'pdfjs-dist/build/pdf.worker.min.mjs';
import { PdfCore, PdfFailureError, type PdfjsModule } from './pdfCore';
import type { PdfReply, PdfRequest } from './pdfProtocol';

let core: PdfCore | undefined;

const post = (reply: PdfReply, transfer: Transferable[] = []) => self.postMessage(reply, { transfer });

async function handle(request: PdfRequest): Promise<void> {
  const { id } = request;
  try {
    switch (request.type) {
      case 'open':
        core = await PdfCore.open(pdfjs as unknown as PdfjsModule, request.bytes, request.assets, true);
        post({ casefile: 'pdf', id, ok: true, value: core.info });
        return;
      case 'read': {
        const pages = await opened().readPages((done, total) => post({ casefile: 'pdf', id, progress: { done, total } }), () => false);
        post({ casefile: 'pdf', id, ok: true, value: pages });
        return;
      }
      case 'render': {
        const image = await opened().renderPage(request.page, request.dpi);
        post({ casefile: 'pdf', id, ok: true, value: image }, [image.png.buffer]);
        return;
      }
      case 'assemble':
        post({ casefile: 'pdf', id, ok: true, value: opened().assemble(request.recognised, request.leaveOut) });
        return;
    }
  } catch (error) {
    if (error instanceof PdfFailureError) post({ casefile: 'pdf', id, ok: false, failure: error.failure, message: error.message });
    else post({ casefile: 'pdf', id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

function opened(): PdfCore {
  if (!core) throw new Error('No PDF is open in this worker.');
  return core;
}

// One request at a time, in order.
let queue = Promise.resolve();
self.addEventListener('message', (event: MessageEvent) => {
  const request = event.data as PdfRequest | { casefile?: undefined };
  if (!request || typeof (request as PdfRequest).type !== 'string' || typeof (request as PdfRequest).id !== 'number') return;
  queue = queue.then(() => handle(request as PdfRequest));
});
