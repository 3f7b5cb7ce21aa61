import type { SourceRecord } from '../../../shared/domain/types';
import { deleteSource, restoreFromTrash, setActiveSource } from '../../db/repositories';
import { useTranslation } from '../../i18n';
import { useCommandService, useWorkspace } from '../../lib/commands';
import type { PaneProps } from '../../lib/contributions';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { Icon } from '../../lib/icons';
import { VirtualList } from '../../lib/VirtualList';
import './sources.css';

/** The case's sources: switch between them, import more (files or a web address), delete with undo. */
export function SourceList({ caseRecord, sources, activeSourceId }: PaneProps) {
  const caseId = caseRecord.id;
  const workspace = useWorkspace();
  const { t } = useTranslation();
  const notices = useNotices();
  const commands = useCommandService();
  const { readOnly, reason } = useCaseReadOnly();

  const remove = async (source: SourceRecord) => {
    const snapshot = await deleteSource(source.id);
    notices.toast(t('sources.removed', { title: source.metadata.title }), {
      label: t('common.undo'),
      run: async () => {
        await restoreFromTrash(snapshot);
        await setActiveSource(caseId, source.id);
      },
    });
  };

  return (
    <div className="source-list">
      <div className="sidebar-heading">
        <h2 id="sources-heading">{t('panes.sources')}</h2>
        <span className="sidebar-heading-actions">
          <button type="button" className="small" disabled={readOnly} title={reason} onClick={() => void commands.run('import-url')}>
            {t('commands.import-url')}
          </button>
          <button type="button" className="small" aria-haspopup="dialog" disabled={readOnly} title={reason} onClick={() => void commands.run('import-references')}>
            {t('commands.import-references')}
          </button>
          <button type="button" className="small primary" disabled={readOnly} title={reason} onClick={() => void commands.run('import-source')}>
            {t('sources.import')}
          </button>
        </span>
      </div>
      {sources === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : sources.length === 0 ? (
        <p className="muted">{t('sources.empty')}</p>
      ) : (
        <VirtualList
          className="sources-scroll"
          aria-label={t('sources.list')}
          items={sources}
          itemKey={(source) => source.id}
          estimateSize={52}
          revealKey={activeSourceId}
          itemClassName={(source) => (source.id === activeSourceId ? 'item active' : 'item')}
          renderItem={(source) => (
            <>
              <button
                type="button"
                className="item-main"
                aria-current={source.id === activeSourceId ? 'true' : undefined}
                onClick={() => workspace.openSource(source.id)}
              >
                <span className="item-title">{source.metadata.title}</span>
                <span className="item-sub">{source.metadata['container-title'] ?? source.fileName}</span>
              </button>
              <span className="item-actions">
                <button type="button" className="icon" aria-label={t('sources.remove', { title: source.metadata.title })} title={reason ?? t('sources.removeHint')} disabled={readOnly} onClick={() => void remove(source)}>
                  <Icon name="trash" />
                </button>
              </span>
            </>
          )}
        />
      )}
    </div>
  );
}
