import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { failureText, useTranslation } from '../i18n';
import { Icon } from './icons';

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void | Promise<void> };
}

export interface NoticesApi {
  /** A problem the user must read: shown in role="alert" until dismissed or replaced. */
  error(message: string): void;
  clearError(): void;
  /** A transient status message, optionally with an action such as Undo. */
  toast(message: string, action?: Toast['action']): void;
}

const NoticesContext = createContext<NoticesApi | null>(null);

/** Run a toast's action (an Undo, say); if it fails (what it would undo is gone), say why instead of dropping it. */
export async function runToastAction(run: () => void | Promise<void>, showError: (message: string) => void): Promise<void> {
  try {
    await run();
  } catch (error) {
    showError(failureText(error));
  }
}

export function useNotices(): NoticesApi {
  const api = useContext(NoticesContext);
  if (!api) throw new Error('useNotices must be used inside <NoticesProvider>');
  return api;
}

/** Holds the app's one error banner and its toasts (with Undo actions). */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismissToast = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);

  const api = useMemo<NoticesApi>(
    () => ({
      error: (message) => setError(message),
      clearError: () => setError(null),
      toast: (message, action) => {
        const id = nextId.current++;
        setToasts((list) => [...list.slice(-2), { id, message, action }]);
        setTimeout(() => dismissToast(id), action ? 10_000 : 4_000);
      },
    }),
    [dismissToast],
  );

  return (
    <NoticesContext.Provider value={api}>
      {children}
      <div className="notices">
        {error && (
          <div className="error-banner" role="alert">
            <span>{error}</span>
            <button type="button" className="ghost" onClick={() => setError(null)} aria-label={t('notices.dismiss')}>
              <Icon name="close" />
            </button>
          </div>
        )}
        <div className="toasts" role="status" aria-live="polite">
          {toasts.map((toast) => (
            <div key={toast.id} className="toast">
              <span>{toast.message}</span>
              {toast.action && (
                <button
                  type="button"
                  onClick={() => {
                    dismissToast(toast.id);
                    if (toast.action) void runToastAction(toast.action.run, setError);
                  }}
                >
                  {toast.action.label}
                </button>
              )}
            </div>
          ))}
        </div>
      </div>
    </NoticesContext.Provider>
  );
}
