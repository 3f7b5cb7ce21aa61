/**
 * The I2 peer: tesseract.js used directly, as its documentation shows —
 * `createWorker('eng')`, then `recognize()` on each page image — with the
 * same worker, core and language data the app serves, in the app's page.
 */
import { createWorker } from 'tesseract.js';
import { ocrAssetsAt } from '../../../renderer/import/offlineAssets';

declare global {
  interface Window {
    __ocrPeer?: { recognise(pages: string[]): Promise<{ startMs: number; pageMs: number[] }> };
  }
}

window.__ocrPeer = {
  async recognise(pages) {
    const t0 = performance.now();
    const worker = await createWorker('eng', 1, { ...ocrAssetsAt(document.baseURI), workerBlobURL: false, cacheMethod: 'none' });
    const startMs = performance.now() - t0;
    const pageMs: number[] = [];
    for (const base64 of pages) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const t = performance.now();
      // Its typings ask for a Node Buffer; in the browser it takes the bytes as they are.
      await worker.recognize(bytes as unknown as Parameters<typeof worker.recognize>[0]);
      pageMs.push(performance.now() - t);
    }
    await worker.terminate();
    return { startMs, pageMs };
  },
};
