import { useState } from 'react';
import type { SourceRecord } from '../../../shared/domain/types';
import { deleteSource, restoreFromTrash, setActiveSource } from '../../db/repositories';
import { useNotices } from '../../lib/notices';
import { Icon } from '../../lib/icons';
import { useImportReferences } from '../references/ImportReferences';
import { UrlImportDialog } from './UrlImportDialog';
import { useImport } from './useImport';
import './sources.css';

export interface SourceListProps {
  caseId: string;
  sources: SourceRecord[] | undefined;
  activeSourceId: string | undefined;
  onImport(): void;
}

/** The case's sources: switch between them, import more (files or a web address), delete with undo. */
export function SourceList({ caseId, sources, activeSourceId, onImport }: SourceListProps) {
  const notices = useNotices();
  const { importUrl } = useImport(caseId);
  const [urlDialogOpen, setUrlDialogOpen] = useState(false);
  const references = useImportReferences(caseId, sources);

  const remove = async (source: SourceRecord) => {
    const snapshot = await deleteSource(source.id);
    notices.toast(`Removed source “${source.metadata.title}”.`, {
      label: 'Undo',
      run: async () => {
        await restoreFromTrash(snapshot);
        await setActiveSource(caseId, source.id);
      },
    });
  };

  return (
    <div className="source-list">
      <div className="sidebar-heading">
        <h2 id="sources-heading">Sources</h2>
        <span className="sidebar-heading-actions">
          <button type="button" className="small" onClick={() => setUrlDialogOpen(true)}>
            Import from URL…
          </button>
          <button type="button" className="small" aria-haspopup="dialog" onClick={() => void references.start()}>
            Import references…
          </button>
          <button type="button" className="small primary" onClick={onImport}>
            Import source
          </button>
        </span>
      </div>
      {urlDialogOpen && <UrlImportDialog importUrl={importUrl} onClose={() => setUrlDialogOpen(false)} />}
      {references.dialog}
      {sources === undefined ? (
        <p className="muted">Loading…</p>
      ) : sources.length === 0 ? (
        <p className="muted">No sources yet. Import an article, a PDF or Word file, or a web page by its address; or drop a file here or paste text.</p>
      ) : (
        <ul aria-label="Sources in this case">
          {sources.map((source) => (
            <li key={source.id} className={source.id === activeSourceId ? 'item active' : 'item'}>
              <button
                type="button"
                className="item-main"
                aria-current={source.id === activeSourceId ? 'true' : undefined}
                onClick={() => void setActiveSource(caseId, source.id)}
              >
                <span className="item-title">{source.metadata.title}</span>
                <span className="item-sub">{source.metadata['container-title'] ?? source.fileName}</span>
              </button>
              <span className="item-actions">
                <button type="button" className="icon" aria-label={`Remove source “${source.metadata.title}”`} title="Remove" onClick={() => void remove(source)}>
                  <Icon name="trash" />
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
