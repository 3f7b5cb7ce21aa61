/**
 * The case import worker: its own connection to the same database, and a
 * CaseImportJob answering the page (caseImportClient.ts). Writes made here
 * reach the page's live queries through Dexie's cross-context notifications.
 */
import { DatabaseTooNewError, DatabaseUnavailableError, openDatabase } from '../../db';
import type { FromImportWorker, ToImportWorker } from './caseImportProtocol';
import { CaseImportJob } from './caseImportJob';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
  postMessage(message: FromImportWorker): void;
};
const post = (message: FromImportWorker) => scope.postMessage(message);
const opened = openDatabase();
const job = new CaseImportJob(post);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** A database refusal's message reference (it has one), for the page to show in its language. */
const detailOf = (error: unknown) => (error instanceof DatabaseUnavailableError || error instanceof DatabaseTooNewError ? { detail: error.detail } : {});

scope.onmessage = (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  // A cancel must reach the job at once, between two chunks of a running write.
  if (message.type === 'cancel') {
    void job.handle(message);
    return;
  }
  void opened.then(
    () => job.handle(message),
    (error: unknown) =>
      post(
        message.type === 'check'
          ? { type: 'refused', message: messageOf(error), ...detailOf(error) }
          : { type: 'failed', message: messageOf(error), ...detailOf(error), known: error instanceof DatabaseUnavailableError },
      ),
  );
};
