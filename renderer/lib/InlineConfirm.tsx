import { useId, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from '../i18n';

export interface InlineConfirmProps {
  /** What will happen, in a sentence or two: the confirmation's accessible name. */
  children: ReactNode;
  /** The button that goes ahead ("Delete cited passage"); styled as dangerous. */
  confirmLabel: string;
  onConfirm(): void;
  /** Back out: nothing changes. Cancel and Escape both call it. */
  onCancel(): void;
  /**
   * Where focus goes after Cancel or Escape. By default, the element that had
   * focus when the confirmation opened, if it is still on the page.
   */
  returnFocus?: RefObject<HTMLElement | null>;
  /** A short name ("Confirm deletion"); the sentence then describes it. Without one, the sentence is the name. */
  label?: string;
  className?: string;
}

/**
 * A confirmation shown in place, next to the control that asked for it (not
 * a modal): a sentence, a visible Cancel (focused first, so Enter never
 * destroys anything by accident) and the dangerous action. Escape cancels
 * and goes no further, so it never also closes the card or dialog around it.
 */
export function InlineConfirm({ children, confirmLabel, onConfirm, onCancel, returnFocus, label, className }: InlineConfirmProps) {
  const { t } = useTranslation();
  const textId = useId();
  // Read during the first render, before the Cancel button takes focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  const cancel = () => {
    onCancel();
    // After the parent has re-rendered without the confirmation.
    setTimeout(() => {
      const target = returnFocus?.current ?? opener;
      if (target?.isConnected) target.focus();
    });
  };

  return (
    <div
      className={className ? `inline-confirm ${className}` : 'inline-confirm'}
      role="alertdialog"
      aria-modal="false"
      aria-label={label}
      aria-labelledby={label ? undefined : textId}
      aria-describedby={label ? textId : undefined}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        cancel();
      }}
    >
      <p id={textId}>{children}</p>
      <div className="inline-confirm-actions">
        <button type="button" autoFocus onClick={cancel}>
          {t('dialog.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
