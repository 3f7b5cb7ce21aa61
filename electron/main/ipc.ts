/**
 * The one place where the main process binds the IPC contract. Every channel of
 * `shared/ipc/contract` is registered here, each call is checked for its sender,
 * validated on the way in and on the way out, and answered with a `Result` — a handler
 * never throws across the bridge.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNELS, type Channel, type Response, type Result } from '../../shared/ipc/contract';
import { dispatch as dispatchCall, failure, type Handlers } from '../../shared/ipc/dispatch';
import { isAppUrl } from './appUrl';

export { HandlerError, type Handlers } from '../../shared/ipc/dispatch';

export type FrameCheck = (frame: WebFrameMain | null | undefined) => boolean;

/**
 * Only the app's own page may call the host: a frame that is gone, or that shows anything
 * but `app://casefile/…` (an error page, a navigated-away frame), is refused.
 */
export const isTrustedFrame: FrameCheck = (frame) => frame != null && isAppUrl(frame.url);

/**
 * Bind every contract channel on `ipcMain`.
 * Why everything here and not in each handler: the sender check, the request schema, the
 * response schema and the error envelope are the security boundary, and one loop over
 * `CHANNELS` guarantees no channel skips them.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, trustFrame: FrameCheck = isTrustedFrame): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      dispatch(channel, handlers, trustFrame(event.senderFrame), payload),
    );
  }
}

/** Run one call through the sender check and the shared dispatch; exported for tests that do not need a fake `ipcMain`. */
export async function dispatch<C extends Channel>(
  channel: C,
  handlers: Handlers,
  trusted: boolean,
  payload: unknown,
): Promise<Result<Response<C>>> {
  if (!trusted) {
    return failure('untrusted-sender', `Casefile refused a ${channel} request that did not come from its own window.`);
  }
  return dispatchCall(channel, handlers[channel], payload, (message, detail) => console.error(message, detail));
}
