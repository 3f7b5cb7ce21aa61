/**
 * The refusals the hosts state by code (see refusal.ts), beyond the fetcher's: files, backups, printing,
 * links and the web build's server. Each code names one message of the catalogue's `hostError` area; where
 * two channels once shared a code with different words (`too-large`, `busy`, `not-found`), the code says
 * which after a colon, as `fetch-failed:<reason>` does. The renderer translates every code here and every
 * `fetch-failed:<reason>` with `hostRefusal`; anything else keeps the host's English.
 */
import type { MessageRef } from '../i18n';
import type { IpcError } from './contract';
import { fetchFailureMessage } from './fetchFailure';
import { HostRefusal, refusedError, valueNumber, valueText, type RefusalValues, type RefusedError } from './refusal';


/** A file's size as the hosts have always stated it: one decimal for megabytes and kilobytes, else bytes. */
function sizeRef(bytes: number): MessageRef {
  if (bytes < 1024) return { key: 'hostError.size.bytes', values: { size: bytes } };
  if (bytes < 1024 * 1024) return { key: 'hostError.size.kilobytes', values: { size: bytes / 1024 } };
  return { key: 'hostError.size.megabytes', values: { size: bytes / (1024 * 1024) } };
}

/** A print's time limit as the web host and the CLI state it: whole seconds, or milliseconds under a second. */
function durationRef(ms: number): MessageRef {
  return ms >= 1000 ? { key: 'hostError.duration.seconds', values: { n: Math.round(ms / 1000) } } : { key: 'hostError.duration.milliseconds', values: { n: ms } };
}

/** Print text in megabytes as the print limit is stated: one decimal under 10 MB, whole above. */
function printTextRef(chars: number): MessageRef {
  const size = chars / (1024 * 1024);
  return chars < 10 * 1024 * 1024 ? { key: 'hostError.size.megabytes', values: { size } } : { key: 'hostError.size.wholeMegabytes', values: { size: Math.round(size) } };
}

/** Node's file-system error codes that have words of their own in `hostError.fileReason`. */
const FILE_REASONS = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'EROFS', 'ENOSPC', 'EBUSY', 'EMFILE']);

function fileReasonRef(errno: string, detail: string): MessageRef {
  if (FILE_REASONS.has(errno)) return { key: `hostError.fileReason.${errno}` };
  return detail ? { key: 'hostError.fileReason.other', values: { detail } } : { key: 'hostError.fileReason.unknown' };
}

const named = (key: string) => (values: RefusalValues): MessageRef => ({ key, values: { name: valueText(values.name) } });
const sized = (key: string) => (values: RefusalValues): MessageRef => ({
  key,
  values: { name: valueText(values.name), size: sizeRef(valueNumber(values.bytes)), limit: sizeRef(valueNumber(values.limit)) },
});
const failed = (key: string) => (values: RefusalValues): MessageRef => ({
  key,
  values: { name: valueText(values.name), why: fileReasonRef(valueText(values.errno), valueText(values.detail)) },
});

/** Every code, and its message from the variables the host sends. */
const MESSAGES = {
  'not-a-backup': named('hostError.notABackup'),
  'not-a-backup:folder': named('hostError.notInBackups'),
  'too-large:backup': sized('hostError.backupTooLarge'),
  'busy:backup': () => ({ key: 'hostError.backupsBusy' }),
  'not-found:backup': named('hostError.backupGone'),
  'no-window': () => ({ key: 'hostError.noWindow' }),
  'unsafe-url': (values) => ({ key: 'hostError.unsafeUrl', values: { url: valueText(values.url) } }),
  'pdf-too-long': (values) => ({ key: 'hostError.pdfTooLong', values: { pages: valueNumber(values.pages) } }),
  'pdf-too-large': (values) => ({ key: 'hostError.pdfTooLarge', values: { size: printTextRef(valueNumber(values.chars)), limit: printTextRef(valueNumber(values.limit)) } }),
  'pdf-failed': (values) => ({ key: 'hostError.pdfFailed', values: { detail: valueText(values.detail) } }),
  'pdf-timeout': (values) => ({ key: 'hostError.pdfTimeout', values: { seconds: valueNumber(values.seconds) } }),
  'pdf-timeout:export-instead': (values) => ({ key: 'hostError.pdfTimeoutExportInstead', values: { duration: durationRef(valueNumber(values.ms)) } }),
  'read-failed': failed('hostError.readFailed'),
  'save-failed': failed('hostError.saveFailed'),
  'too-large:file': sized('hostError.fileTooLarge'),
  'not-a-file': named('hostError.notAFile'),
  offline: () => ({ key: 'hostError.offline' }),
  http: (values) => ({ key: 'hostError.http', values: { status: valueNumber(values.status) } }),
  unauthorized: () => ({ key: 'hostError.unauthorized' }),
  'too-large:request': (values) => ({ key: 'hostError.requestTooLarge', values: { megabytes: valueNumber(values.megabytes) } }),
  'busy:printing': (values) => ({ key: 'hostError.printingBusy', values: { n: valueNumber(values.n) } }),
} satisfies Record<string, (values: RefusalValues) => MessageRef>;

export type HostRefusalCode = keyof typeof MESSAGES;
export const HOST_REFUSAL_CODES = Object.keys(MESSAGES) as HostRefusalCode[];

function isHostRefusalCode(code: string): code is HostRefusalCode {
  return Object.hasOwn(MESSAGES, code);
}

/** The message of any code the hosts translate (these and `fetch-failed:<reason>`), or `undefined`. */
export function hostRefusalMessage(code: string, values: RefusalValues): MessageRef | undefined {
  return isHostRefusalCode(code) ? MESSAGES[code](values) : fetchFailureMessage(code, values);
}

/** A host's refusal with `code` and the variables of its message; its `message` is the catalogue's English. */
export function refusal(code: HostRefusalCode, values: RefusalValues = {}, options?: ErrorOptions): HostRefusal {
  return new HostRefusal(code, values, MESSAGES[code](values), options);
}

/** A host's failed answer, as the renderer throws it: in the UI's language for a known code, the host's English otherwise. */
export function hostRefusal(error: IpcError): RefusedError {
  return refusedError(error, hostRefusalMessage);
}
