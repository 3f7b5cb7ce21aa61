import { englishText, type MessageRef } from '../../../shared/i18n';

/**
 * A refused write, with a message for the person who asked for it. The message is a catalogue reference
 * (`detail`, the `repoError` area) that the UI shows in its language, as bundle failures are; `message` is
 * its English (logs, tests). A plain string is for a sentence already in the UI's language (a read-only
 * case's lock, whose words come from whoever locked it).
 */
export class RepoError extends Error {
  readonly detail: MessageRef | undefined;

  constructor(message: string | MessageRef) {
    super(typeof message === 'string' ? message : englishText(message));
    this.name = 'RepoError';
    this.detail = typeof message === 'string' ? undefined : message;
  }
}

/** A repository message: the catalogue's `repoError.<key>`. */
export function repoRef(key: string, values?: MessageRef['values']): MessageRef {
  return { key: `repoError.${key}`, ...(values ? { values } : {}) };
}
