import { useEffect, useState } from 'react';
import type { CaseRecord } from '../../../shared/domain/types';
import { useCases } from '../../db/hooks';
import { deleteCase, renameCase, restoreFromTrash } from '../../db/repositories';
import { failureText, useTranslation } from '../../i18n';
import { useCommandService, useWorkspace } from '../../lib/commands';
import { useContextKeys } from '../../lib/contextKeys';
import { Icon } from '../../lib/icons';
import { useNotices } from '../../lib/notices';
import { RenameField } from '../../lib/RenameField';
import { onRenameRequest } from './caseEvents';
import { StorageUsage } from '../storage/StorageUsage';
import './cases.css';

/**
 * The "Cases" navigation: select, create (New case), rename (F2 or the pencil) and delete with undo.
 * Moving cases in and out (Export case, Import case, Restore from backup…) lives in the Case menu and
 * the desktop File menu, as commands of this feature (contribution.ts).
 */
export function CaseList() {
  const { t } = useTranslation();
  const cases = useCases();
  const notices = useNotices();
  const workspace = useWorkspace();
  const commands = useCommandService();
  const activeCaseId = useContextKeys().caseId;
  const [renaming, setRenaming] = useState<string | null>(null);

  // New case, from wherever it was run, ends with its name ready to type over.
  useEffect(() => onRenameRequest(setRenaming), []);

  const select = async (id: string) => {
    if (id !== activeCaseId) await workspace.openCase(id);
  };

  const remove = async (record: CaseRecord) => {
    if (record.id === activeCaseId) {
      const next = (cases ?? []).find((c) => c.id !== record.id);
      await workspace.openCase(next?.id ?? null);
    }
    const snapshot = await deleteCase(record.id);
    notices.toast(t('cases.deleted', { name: record.name }), {
      label: t('common.undo'),
      run: async () => {
        await restoreFromTrash(snapshot);
        await workspace.openCase(record.id);
      },
    });
  };

  return (
    <nav className="case-list" aria-labelledby="cases-heading">
      <div className="sidebar-heading">
        <h2 id="cases-heading">{t('cases.heading')}</h2>
        <button type="button" className="small" onClick={() => void commands.run('new-case', { rename: true })}>
          {t('cases.new')}
        </button>
      </div>
      {cases === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : cases.length === 0 ? (
        <p className="muted">{t('cases.empty')}</p>
      ) : (
        <ul>
          {cases.map((record) => (
            <li key={record.id} className={record.id === activeCaseId ? 'item active' : 'item'}>
              {renaming === record.id ? (
                <RenameField
                  initial={record.name}
                  label={t('cases.nameField', { name: record.name })}
                  onDone={async (name) => {
                    setRenaming(null);
                    if (name === null || name === record.name) return;
                    try {
                      await renameCase(record.id, name);
                    } catch (error) {
                      notices.error(failureText(error));
                    }
                  }}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className="item-main"
                    aria-current={record.id === activeCaseId ? 'page' : undefined}
                    onClick={() => void select(record.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'F2') setRenaming(record.id);
                    }}
                  >
                    {record.name}
                  </button>
                  <span className="item-actions">
                    <button type="button" className="icon" aria-label={t('cases.rename', { name: record.name })} title={t('cases.renameHint')} onClick={() => setRenaming(record.id)}>
                      <Icon name="pencil" />
                    </button>
                    <button type="button" className="icon" aria-label={t('cases.delete', { name: record.name })} title={t('cases.deleteHint')} onClick={() => void remove(record).catch((error: unknown) => notices.error(failureText(error)))}>
                      <Icon name="trash" />
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <StorageUsage />
    </nav>
  );
}
