/**
 * The preload: exposes exactly one object, `window.casefile`, implementing the contract's
 * `CasefileBridge`. It is plumbing only — no validation beyond refusing what the contract
 * does not name, and the renderer never receives `ipcRenderer` or an IPC event object.
 *
 * Runs sandboxed, so it is bundled into one CommonJS file whose only `require` is electron;
 * it takes only types from the contract (see contractNames.ts) to keep zod out of it.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import type { CasefileBridge, Result } from '../../shared/ipc/contract';
import { isChannel, isMenuCommand, MENU_EVENT_CHANNEL, OPEN_FILE_EVENT_CHANNEL } from './contractNames';

type IpcPort = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

function isOpenedFile(value: unknown): value is { name: string; bytes: Uint8Array } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; bytes?: unknown };
  return typeof candidate.name === 'string' && candidate.bytes instanceof Uint8Array;
}

/**
 * Subscribe to a host event, passing on only payloads that pass `accept`, and return the
 * unsubscribe function. The IPC event (which exposes the sender) is dropped here.
 */
function subscribe<T>(ipc: IpcPort, channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, value: unknown): void => {
    if (accept(value)) listener(value);
  };
  ipc.on(channel, wrapped);
  return () => {
    ipc.removeListener(channel, wrapped);
  };
}

/**
 * Build the bridge over an `ipcRenderer`-shaped port. Exported so the refusal of unknown
 * channels can be tested without Electron.
 */
export function createBridge(ipc: IpcPort): CasefileBridge {
  return {
    async invoke(channel, request) {
      if (!isChannel(channel)) {
        return {
          ok: false,
          error: { code: 'unknown-channel', message: `Casefile has no host action named "${String(channel)}".` },
        };
      }
      try {
        // Main validated this reply against the channel's response schema before sending it.
        return (await ipc.invoke(channel, request)) as Result<never>;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'ipc-failed', message: `Casefile could not reach its host for ${channel}: ${reason}` } };
      }
    },
    onMenu: (listener) => subscribe(ipc, MENU_EVENT_CHANNEL, isMenuCommand, listener),
    onOpenFile: (listener) => subscribe(ipc, OPEN_FILE_EVENT_CHANNEL, isOpenedFile, listener),
  };
}

contextBridge.exposeInMainWorld('casefile', createBridge(ipcRenderer));
