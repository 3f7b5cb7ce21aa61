import type { ReactNode, Ref } from 'react';
import { useTranslation } from '../i18n';

export interface DialogAction {
  label: string;
  /** Without it, the button submits the dialog's form. */
  onClick?(): void;
  /** `primary` for the safe main action, `danger` for one that changes or risks data ("Export anyway", "Delete"). */
  tone?: 'primary' | 'danger';
  disabled?: boolean;
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * The one footer of Casefile's dialogs: further actions first, then the dismiss button (Cancel unless
 * named otherwise; never submits), then the main action. Right-aligned, in the same order everywhere.
 */
export function DialogFooter({ cancel, confirm, children }: { cancel: { label?: string; onClick(): void }; confirm?: DialogAction; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-buttons">
      {children}
      <button type="button" onClick={cancel.onClick}>
        {cancel.label ?? t('dialog.cancel')}
      </button>
      {confirm && (
        <button
          ref={confirm.ref}
          type={confirm.onClick ? 'button' : 'submit'}
          className={confirm.tone ?? 'primary'}
          disabled={confirm.disabled}
          aria-busy={confirm.busy || undefined}
          onClick={confirm.onClick}
        >
          {confirm.label}
        </button>
      )}
    </div>
  );
}
