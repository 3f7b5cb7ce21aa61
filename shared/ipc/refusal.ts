/**
 * A host's refusal that the renderer says in the UI's language. The host (Electron main, the web server)
 * throws a `HostRefusal`: a `HandlerError` whose code names a catalogue message and whose `values` are that
 * message's variables, as plain strings and numbers, so they cross IPC and loopback HTTP as they are. Its
 * `message` is the same catalogue message in English (logs, the CLI, an older app). The renderer's
 * platform adapter turns the answer back into an error with a `detail` (`refusedError`), which
 * `failureText` shows in the UI's language; a code it does not know keeps the host's English.
 *
 * Which codes there are, and the message of each, live beside the hosts that use them: the fetcher's in
 * `fetchFailure.ts`, the others in `hostRefusals.ts`.
 */
import { englishText, type MessageRef } from '../i18n';
import type { IpcError } from './contract';
import { HandlerError } from './dispatch';

/** The variables of a refusal's message, as they travel: strings and numbers only. */
export type RefusalValues = { [name: string]: string | number };

/** A variable as text, for a message (missing: empty). */
export const valueText = (value: string | number | undefined) => (value === undefined ? '' : String(value));
/** A variable as a number, for a message (missing: 0). */
export const valueNumber = (value: string | number | undefined) => (typeof value === 'number' ? value : Number(value ?? 0));

/** The message for a code and its variables, or `undefined` for a code this app does not know. */
export type RefusalMessages = (code: string, values: RefusalValues) => MessageRef | undefined;

/** A failure the host states by its code and variables; its `message` is the catalogue's English. */
export class HostRefusal extends HandlerError {
  /** The message, for a refusal the renderer makes itself and shows with `failureText` (the bridge carries only code and values). */
  readonly detail: MessageRef;

  constructor(code: string, values: RefusalValues, ref: MessageRef, options?: ErrorOptions) {
    super(code, englishText(ref), values, options);
    this.name = 'HostRefusal';
    this.detail = ref;
  }
}

/** A refusal as the renderer throws it: `detail` is the message to show in the UI's language when the code is one it knows. */
export class RefusedError extends Error {
  override name = 'RefusedError';

  constructor(
    message: string,
    readonly code: string,
    readonly detail?: MessageRef,
  ) {
    super(message);
  }
}

/**
 * The error for a host's failed answer: translated by `messages` when it knows the code and the host stated
 * the refusal by its variables; the host's English otherwise (an older host, or one that sent only words).
 */
export function refusedError(error: IpcError, messages: RefusalMessages): RefusedError {
  if (!error.values) return new RefusedError(error.message, error.code);
  const values: RefusalValues = {};
  for (const [name, value] of Object.entries(error.values ?? {})) if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  const detail = messages(error.code, values);
  return detail ? new RefusedError(error.message, error.code, detail) : new RefusedError(error.message, error.code);
}
