/**
 * The one dispatch of a contract call, used by both hosts: Electron main (electron/main/ipc.ts, over IPC)
 * and the web server of the browser build (node/web/server.ts, over loopback HTTP). Each host does its own
 * transport checks first (the sender frame; the token, origin and body size); from there on a call is
 * validated, run and answered here, so the two hosts answer the same way, with the same error codes.
 */
import { contract, parseRequest, type Channel, type IpcError, type ParsedRequest, type Response, type Result } from './contract';

/** One channel's implementation. */
export type Handler<C extends Channel> = (request: ParsedRequest<C>) => Promise<Response<C>>;

/** One implementation per channel; a channel without one is a compile error. */
export type Handlers = { [C in Channel]: Handler<C> };

/** A host may decline a channel it has no business answering, with the reason (the browser saves files itself). */
export type Unsupported = { unsupported: string };
export type HostHandlers = { [C in Channel]: Handler<C> | Unsupported };

/**
 * Thrown by a handler for a failure the user should read (a cancelled read, a file that is too large, a
 * refused link, a page that could not be fetched). Its `code`, `message` and `values` (the variables of
 * the code's message, for codes the renderer translates) reach the renderer unchanged; any other error is
 * reported as `internal`.
 */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly values?: { [name: string]: string | number },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HandlerError';
  }
}

/** The code of a page that could not be fetched (`cf:url:fetch`), in both hosts. */
export const FETCH_FAILED = 'fetch-failed';

/** Run `work`; any plain Error it throws becomes a HandlerError with `code` and the same message. */
export async function rethrowAs<T>(code: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    throw new HandlerError(code, error instanceof Error && error.message ? error.message : String(error));
  }
}

export function failure(code: string, message: string, values?: IpcError['values']): { ok: false; error: IpcError } {
  return { ok: false, error: values ? { code, message, values } : { code, message } };
}

/** The answer for a refusal: its code, English and variables, as the renderer receives them. */
export function refused(error: HandlerError): { ok: false; error: IpcError } {
  return failure(error.code, error.message, error.values);
}

/** Where a host's unexpected failures are logged (main's console, the server's stderr); silent in tests that pass nothing. */
export type DispatchLog = (message: string, detail: unknown) => void;

/**
 * Validate `payload` against the channel's request schema, run the handler, validate its reply against the
 * response schema, and answer with a `Result`: never a throw. Error codes: `unsupported` (this host declines
 * the channel), `invalid-request`, a HandlerError's own code, and `internal` for anything else.
 */
export async function dispatch<C extends Channel>(channel: C, handler: Handler<C> | Unsupported, payload: unknown, log: DispatchLog = () => undefined): Promise<Result<Response<C>>> {
  if ('unsupported' in handler) return failure('unsupported', handler.unsupported);
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) return parsed;

  let value: Response<C>;
  try {
    value = await handler(parsed.value);
  } catch (error) {
    if (error instanceof HandlerError) return refused(error);
    log(`[ipc] ${channel} failed`, error);
    const reason = error instanceof Error && error.message ? error.message : String(error);
    return failure('internal', `Casefile could not complete ${channel}: ${reason}`);
  }

  const checked = contract[channel].response.safeParse(value);
  if (!checked.success) {
    log(`[ipc] ${channel} produced a reply that breaks the contract`, checked.error.issues);
    return failure('internal', `Casefile produced an invalid reply for ${channel} and discarded it.`);
  }
  return { ok: true, value: checked.data as Response<C> };
}
