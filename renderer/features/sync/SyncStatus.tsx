import { useEffect } from 'react';
import type { TFunction } from 'i18next';
import { useNote, useSource } from '../../db/hooks';
import { translate, useTranslation } from '../../i18n';
import { syncRefusalTextRef } from '../../../shared/sync/refusal';
import { useContextKeys, usePublishContextKey } from '../../lib/contextKeys';
import type { SyncState } from './engine';
import { caseSync, useSyncState } from './manager';

function statusText(state: SyncState, t: TFunction): string {
  switch (state.phase) {
    case 'synced':
      return t('sync.synced');
    case 'syncing':
      return t('sync.syncing');
    case 'offline':
      return t('sync.offline', { count: state.waiting });
    case 'refused':
      return t('sync.refused', { reason: state.reason ? translate(syncRefusalTextRef(state.reason)) : '' });
    case 'connecting':
      return t('sync.connecting');
  }
}

/**
 * The shared case's connection state, always visible while a shared case is open ("Synced",
 * "Offline — 3 changes waiting", "Reconnecting…"), whether this profile may only read, and who else
 * is in the case and where. It also tells the others where this person is, and publishes the `readOnly`
 * context key for the rest of the workspace.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const { caseId, sourceId, noteId } = useContextKeys();
  const state = useSyncState(caseId);
  const source = useSource(sourceId ?? undefined);
  const note = useNote(noteId ?? undefined);
  const where = source ? source.metadata.title || source.fileName : note ? note.title : undefined;

  const shared = state !== null;
  // What every control that changes the case checks (commands through the `editable` condition).
  usePublishContextKey('readOnly', state?.readOnly ?? false, false);
  useEffect(() => {
    if (shared) caseSync(caseId)?.setWhere(where);
  }, [caseId, where, shared]);

  if (!caseId || !state) return null;
  return (
    <aside className="sync-bar" aria-label={t('sync.statusLabel')}>
      <span role="status" className={`sync-status sync-${state.phase}`}>
        {statusText(state, t)}
      </span>
      {state.readOnly && <span className="sync-readonly">{t('sync.readOnly')}</span>}
      <span className="sync-peers">
        {state.peers.length === 0 ? (
          <span className="muted">{t('sync.alone')}</span>
        ) : (
          <>
            <span className="muted">{t('sync.peers')}:</span>
            <ul aria-label={t('sync.peers')}>
              {state.peers.map((p) => (
                <li key={p.clientId}>
                  <span className="sync-dot" style={{ background: p.color }} aria-hidden="true" />
                  {p.name}
                  {p.where ? ` — ${p.where}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </span>
    </aside>
  );
}
