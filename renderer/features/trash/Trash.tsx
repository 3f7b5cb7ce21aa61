import { useEffect, useState } from 'react';
import { useTrash } from '../../db/hooks';
import { onOpenTrash } from './openTrash';
import { TrashDialog } from './TrashDialog';
import './trash.css';

export interface TrashProps {
  caseId: string;
  caseName: string;
  /** Open a case that was just restored from the Trash. */
  onOpenCase(caseId: string): void;
}

/**
 * The Trash of the open case: a button that says how much is in it, and the
 * dialog it opens (also opened by `openTrash()`).
 */
export function Trash({ caseId, caseName, onOpenCase }: TrashProps) {
  const [open, setOpen] = useState(false);
  const items = useTrash(caseId);
  useEffect(() => onOpenTrash(() => setOpen(true)), []);
  const count = items?.length ?? 0;
  return (
    <>
      <button
        type="button"
        className="small topbar-action trash-button"
        aria-haspopup="dialog"
        aria-label={count ? `Trash (${count} ${count === 1 ? 'item' : 'items'})` : 'Trash'}
        title="Deleted sources, passages, claims, notes and tags; restore them or empty the Trash"
        onClick={() => setOpen(true)}
      >
        Trash
        {count > 0 && (
          <span className="trash-count" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      {open && <TrashDialog caseId={caseId} caseName={caseName} onOpenCase={onOpenCase} onClose={() => setOpen(false)} />}
    </>
  );
}
