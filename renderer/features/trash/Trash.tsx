import { useEffect, useState } from 'react';
import { useTrash } from '../../db/hooks';
import { useTranslation } from '../../i18n';
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
  const { t } = useTranslation();
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
        aria-label={count ? t('trash.buttonCount', { count }) : t('trash.title')}
        title={t('trash.buttonHint')}
        onClick={() => setOpen(true)}
      >
        {t('trash.title')}
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
