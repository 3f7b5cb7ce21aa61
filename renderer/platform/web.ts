import type { Channel, MenuCommand, Request, Response, Result } from '../../shared/ipc/contract';
import { toSafeExternalUrl } from '../../shared/ipc/externalUrl';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { refused } from '../../shared/ipc/dispatch';
import { hostRefusal, refusal } from '../../shared/ipc/hostRefusals';
import type { PickedFile, Platform } from './types';

/**
 * The browser adapter: a file input for opening, a download for saving, and the
 * local server of `npm run web` for the verbs that need Node. The server puts a
 * per-launch token into index.html as a <meta> tag; every API call carries it.
 */
/**
 * File inputs waiting for the user's choice. A detached input that nothing references can be garbage-collected
 * while its chooser is being opened, and Chromium then drops the chooser silently (Import did nothing, now and
 * then); holding it here until it answers keeps it alive.
 */
const openInputs = new Set<HTMLInputElement>();

export function createWebPlatform(doc: Document = document): Platform {
  const token = doc.querySelector<HTMLMetaElement>('meta[name="casefile-token"]')?.content ?? '';
  const menuListeners = new Set<(command: MenuCommand) => void>();

  return {
    shell: 'web',
    openFiles({ filters, multiple }) {
      return new Promise<PickedFile[]>((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.multiple = Boolean(multiple);
        input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
        openInputs.add(input);
        // In the document (hidden) while it waits: Chromium opens choosers for attached inputs more reliably.
        input.hidden = true;
        doc.body.append(input);
        input.addEventListener('change', () => {
          openInputs.delete(input);
          input.remove();
          const files = Array.from(input.files ?? []);
          Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })))
            .then(resolve, reject);
        });
        input.addEventListener('cancel', () => {
          openInputs.delete(input);
          input.remove();
          resolve([]);
        });
        input.click();
      });
    },
    async saveFile({ suggestedName, bytes, mediaType }) {
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType });
      const url = URL.createObjectURL(blob);
      const link = doc.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.rel = 'noopener';
      doc.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { name: suggestedName };
    },
    async invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>> {
      try {
        const response = await fetch(`api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Casefile-Token': token },
          body: encodeWire(request),
        });
        const text = await response.text();
        if (!text) return refused(refusal('http', { status: response.status }));
        return decodeWire(text) as Result<Response<C>>;
      } catch {
        return refused(refusal('offline'));
      }
    },
    openExternal(url) {
      const safe = toSafeExternalUrl(url);
      if (safe) window.open(safe, '_blank', 'noopener,noreferrer');
    },
    setMenuLocale() {
      // The browser shows no application menu of ours.
    },
    onMenu(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    async fetchUrl(url, opts) {
      const result = await this.invoke('cf:url:fetch', { url, allowLocalNetwork: opts?.allowLocalNetwork ?? false });
      if (!result.ok) throw hostRefusal(result.error);
      return result.value;
    },
    onOpenFile() {
      // Browsers cannot hand a double-clicked file to a page; bundles come in through Import.
      return () => undefined;
    },
    // The browser keeps no backups folder; Export case is the way to keep a copy.
    backups: null,
  };
}
