import { useSourcePassages } from '../../db/hooks';
import { useTranslation } from '../../i18n';
import { useCommandService, useWorkspace } from '../../lib/commands';
import type { PaneProps } from '../../lib/contributions';
import { useCaseReadOnly } from '../../lib/readOnly';
import { useTagFilter } from '../tags/tagFilter';
import { AnnotatedReader } from './AnnotatedReader';
import { PassageList } from './PassageList';

/** The workspace's main pane: the open source in the annotated reader, with its source actions. */
export function ReaderPane({ caseRecord, sources, activeSourceId, activeSource, tags, claims }: PaneProps) {
  // Only the open source's passages: switching source reads one source, and a change elsewhere does not repaint.
  // Read by the asked-for ID, so the source and its passages load side by side.
  const passages = useSourcePassages(activeSourceId);
  const { t } = useTranslation();
  const commands = useCommandService();
  const workspace = useWorkspace();
  const { readOnly, reason } = useCaseReadOnly();
  const [filterTagId] = useTagFilter(caseRecord.id);
  // While the case's sources or the open source are still being read, the reader says so: "No source yet" is
  // only for a case that has none (said too early, it also invited a Ctrl+O meant for the case being opened).
  const loading = sources === undefined || (activeSourceId !== undefined && activeSource === undefined);
  return (
    <AnnotatedReader
      caseId={caseRecord.id}
      source={activeSource ?? undefined}
      passages={passages ?? []}
      tags={tags ?? []}
      claims={claims ?? []}
      filterTagId={filterTagId}
      onShowClaims={() => workspace.showPane('claims')}
      onShowBrief={() => workspace.showPane('brief')}
      empty={
        loading ? (
          <p aria-busy="true">{t('reader.loadingSource')}</p>
        ) : (
          <>
            <h2>{t('reader.emptyTitle')}</h2>
            <p>{t('reader.emptyText')}</p>
            <button type="button" className="primary" disabled={readOnly} title={reason} onClick={() => void commands.run('import-source')}>
              {t('reader.importFile')}
            </button>
          </>
        )
      }
      actions={
        activeSource ? (
          <>
            <button type="button" className="small" disabled={readOnly} title={reason} onClick={() => void commands.run('edit-source')}>
              {t('commands.edit-source')}
            </button>
            <button type="button" className="small" aria-haspopup="dialog" disabled={readOnly} title={reason} onClick={() => void commands.run('update-source')}>
              {t('commands.update-source')}
            </button>
          </>
        ) : undefined
      }
    />
  );
}

/** The sidebar's "Passages" pane, filtered by the codebook's tag filter. */
export function PassagesPane({ caseRecord, passages, sources, tags }: PaneProps) {
  const [filterTagId] = useTagFilter(caseRecord.id);
  return <PassageList passages={passages} sources={sources} tags={tags} filterTagId={filterTagId} />;
}
