import { forwardRef } from 'react';
import { useTranslation } from '../../i18n';

export interface SelectionToolbarProps {
  /** Viewport rectangle of the selection, to position the toolbar above it. */
  rect: { left: number; top: number; bottom: number; width: number };
  busy: boolean;
  /**
   * Why the case cannot be changed here (a read-only team case), or undefined. The buttons then stay
   * focusable but `aria-disabled`, and pressing one says why instead of acting.
   */
  readOnly?: string | undefined;
  onHighlight(): void;
  onNewClaim(): void;
  onComment(): void;
  onCite(): void;
  onDismiss(): void;
}

/** The floating "Selection actions" toolbar shown over a selection in the source. */
export const SelectionToolbar = forwardRef<HTMLDivElement, SelectionToolbarProps>(function SelectionToolbar(
  { rect, busy, readOnly, onHighlight, onNewClaim, onComment, onCite, onDismiss },
  ref,
) {
  const { t } = useTranslation();
  const above = rect.top > 64;
  const style = {
    left: Math.max(8, Math.min(window.innerWidth - 400, rect.left + rect.width / 2 - 190)),
    top: above ? rect.top - 46 : rect.bottom + 8,
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onDismiss();
      return;
    }
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(index + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
    e.preventDefault();
  };
  const off = readOnly ? { 'aria-disabled': true, title: readOnly } : {};
  return (
    <div ref={ref} className={readOnly ? 'selection-toolbar read-only' : 'selection-toolbar'} role="toolbar" aria-label={t('selection.toolbar')} style={style} onKeyDown={onKeyDown} onMouseDown={(e) => e.preventDefault()}>
      <button type="button" disabled={busy} onClick={onHighlight} title={t('selection.highlightHint')} {...off}>
        {t('selection.highlight')}
      </button>
      <button type="button" disabled={busy} onClick={onNewClaim} title={t('selection.newClaimHint')} {...off}>
        {t('selection.newClaim')}
      </button>
      <button type="button" disabled={busy} onClick={onComment} title={t('selection.commentHint')} {...off}>
        {t('selection.comment')}
      </button>
      <button type="button" disabled={busy} onClick={onCite} title={t('selection.citeHint')} {...off}>
        {t('selection.cite')}
      </button>
      {readOnly && <span className="selection-readonly">{t('selection.readOnly')}</span>}
    </div>
  );
});
