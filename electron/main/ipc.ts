/**
 * The one place where the main process binds the IPC contract. Every channel of
 * `shared/ipc/contract` is registered here, each call is checked for its sender,
 * validated on the way in and on the way out, and answered with a `Result` — a handler
 * never throws across the bridge.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import {
  CHANNELS,
  contract,
  parseRequest,
  type Channel,
  type ParsedRequest,
  type Response,
  type Result,
} from '../../shared/ipc/contract';
import { isAppUrl } from './appUrl';

/** One implementation per channel; a channel without one is a compile error. */
export type Handlers = { [C in Channel]: (request: ParsedRequest<C>) => Promise<Response<C>> };

/**
 * Thrown by a handler for a failure the user should read (a cancelled read, a file that is
 * too large, a refused link). Its `code` and `message` reach the renderer unchanged; any
 * other error is reported as `internal`.
 */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

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

/** Run one call through the checks; exported for tests that do not need a fake `ipcMain`. */
export async function dispatch<C extends Channel>(
  channel: C,
  handlers: Handlers,
  trusted: boolean,
  payload: unknown,
): Promise<Result<Response<C>>> {
  if (!trusted) {
    return failure('untrusted-sender', `Casefile refused a ${channel} request that did not come from its own window.`);
  }
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) return parsed;

  let value: Response<C>;
  try {
    const handler = handlers[channel] as (request: ParsedRequest<C>) => Promise<Response<C>>;
    value = await handler(parsed.value);
  } catch (error) {
    if (error instanceof HandlerError) return failure(error.code, error.message);
    console.error(`[ipc] ${channel} failed`, error);
    const reason = error instanceof Error && error.message ? error.message : String(error);
    return failure('internal', `Casefile could not complete ${channel}: ${reason}`);
  }

  const checked = contract[channel].response.safeParse(value);
  if (!checked.success) {
    console.error(`[ipc] ${channel} produced a reply that breaks the contract`, checked.error.issues);
    return failure('internal', `Casefile produced an invalid reply for ${channel} and discarded it.`);
  }
  return { ok: true, value: checked.data as Response<C> };
}

function failure(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}
