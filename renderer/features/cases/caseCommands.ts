import type { CaseRecord } from '../../../shared/domain/types';
import { createCase, listCases } from '../../db/repositories';
import type { CommandArgs, CommandContext } from '../../lib/contributions';
import { failureText, t } from '../../i18n';
import { platform } from '../../platform';
import { requestBundleImport } from './bundleImport';
import { requestRename } from './caseEvents';

/** The file chooser's filter for bundles, named in the UI's language when the chooser opens. */
export const bundleFilter = () => ({ name: t('cases.bundleFilter'), extensions: ['casefile'] });

/** "Untitled case", or "Untitled case 2", 3 … when that name is taken. */
export function nextCaseName(cases: readonly Pick<CaseRecord, 'name'>[]): string {
  const names = new Set(cases.map((c) => c.name));
  const first = t('cases.untitled');
  if (!names.has(first)) return first;
  let n = 2;
  while (names.has(t('cases.untitledNumbered', { number: n }))) n++;
  return t('cases.untitledNumbered', { number: n });
}

/** New case: created and opened; from the case list's own button, with its name selected for typing. */
export async function newCase(context: CommandContext, args?: CommandArgs): Promise<void> {
  const record = await createCase(nextCaseName(await listCases()), Date.now(), t('brief.defaultTitle'));
  await context.workspace.openCase(record.id);
  if (args?.rename === true) requestRename(record.id);
}

/** Import case: choose .casefile bundles; each goes through the one checked case import (CaseFiles). */
export async function chooseCaseBundles(context: CommandContext): Promise<void> {
  try {
    const files = await platform().openFiles({ title: t('cases.importTitle'), filters: [bundleFilter()] });
    files.forEach(requestBundleImport);
  } catch (error) {
    context.notices.error(t('cases.importFailed', { reason: failureText(error) }));
  }
}
