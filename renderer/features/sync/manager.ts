/**
 * Which cases are shared, and the actions on them: Share, Join, invitations,
 * Stop sharing. Links (server, token, role) live only in this profile's
 * database (`meta`), which bundles, exports and backups never include.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { readCaseInfo } from '../../../shared/sync/caseDoc';
import { formatInvitationLink, normaliseServerAddress, parseInvitation } from '../../../shared/sync/invitation';
import { caseDocName } from '../../../shared/sync/names';
import { syncRefusalTextRef } from '../../../shared/sync/refusal';
import type { Role } from '../../../shared/sync/token';
import { lockCase, unlockCase } from '../../db';
import { deleteMeta, getMeta, getMetaEntries, listCases, setMeta } from '../../db/repositories';
import { t, translate } from '../../i18n';
import { nextTask } from '../../../shared/lib/nextTask';
import { CaseSync, LINK_PREFIX, linkKey, openCaseDocCopy, type SyncLink, type SyncState } from './engine';
import { createInvitation, getDocumentState, registerCase, serverInfo, SyncServerError } from './serverApi';

const syncs = new Map<string, CaseSync>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const l of [...listeners]) l();
}

/** A read-only member's copy refuses local changes at the database (so no control or shortcut can make it drift). */
function lockIfReadOnly(sync: CaseSync): void {
  if (sync.snapshot().readOnly) lockCase(sync.caseId, () => t('sync.readOnlyRefused'));
  else unlockCase(sync.caseId);
}

function track(sync: CaseSync): CaseSync {
  syncs.set(sync.caseId, sync);
  lockIfReadOnly(sync);
  sync.subscribe(() => {
    lockIfReadOnly(sync);
    changed();
  });
  changed();
  return sync;
}

/** Reconnect every case shared from this profile (at start). */
export async function resumeSharedCases(): Promise<void> {
  for (const { value } of await getMetaEntries<SyncLink>(LINK_PREFIX)) {
    if (syncs.has(value.caseId)) continue;
    void track(new CaseSync(value)).start('resume');
  }
}

export function caseSync(caseId: string | null): CaseSync | undefined {
  return caseId ? syncs.get(caseId) : undefined;
}

/** The open case's sync state (null: not shared), re-rendering as it changes. */
export function useSyncState(caseId: string | null): SyncState | null {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
  );
  return caseSync(caseId)?.snapshot() ?? null;
}

/** Share a case on a server: registers it, keeps the owner's token here, and starts sending it. */
export async function shareCase(caseId: string, serverInput: string): Promise<void> {
  if (syncs.has(caseId)) return;
  const address = normaliseServerAddress(serverInput);
  await serverInfo(address.http);
  const issued = await registerCase(address.http, caseId);
  const link: SyncLink = { caseId, server: address.http, ws: address.ws, token: issued.token, role: 'rw', cursor: 0, joined: false, sharedHere: true };
  await setMeta(linkKey(caseId), link);
  await track(new CaseSync(link)).start('share');
}

/** An invitation link for the shared case. */
export async function inviteTo(caseId: string, role: Role): Promise<string> {
  const link = await getMeta<SyncLink>(linkKey(caseId));
  if (!link) throw new Error(t('sync.notShared'));
  const issued = await createInvitation(link.server, caseId, link.token, role);
  return formatInvitationLink({ server: link.server, caseId, role, token: issued.token });
}

const JOIN_TIMEOUT_MS = 20_000;

/**
 * Join a case from an invitation. Nothing is stored unless the server
 * accepts the token and sends the case. Returns the case's ID and name.
 */
export async function joinCase(text: string): Promise<{ caseId: string; name: string }> {
  const invitation = parseInvitation(text);
  if (syncs.has(invitation.caseId)) throw new Error(t('sync.alreadyJoined'));
  if ((await listCases()).some((c) => c.id === invitation.caseId)) {
    throw new Error(t('sync.alreadyHere'));
  }
  const address = normaliseServerAddress(invitation.server);
  await serverInfo(address.http);
  // The first copy over HTTP: the provider that attaches next then syncs only what changed since.
  let state: Uint8Array[] | null;
  try {
    state = await getDocumentState(address.http, invitation.caseId, invitation.token);
  } catch (error) {
    const status = error instanceof SyncServerError ? error.status : 0;
    throw new Error(status === 401 || status === 403 ? t('sync.joinRefused', { reason: (error as Error).message.replace(/\.$/u, '') }) : (error as Error).message, { cause: error });
  }
  // The local copy is opened first, on the empty document, and stores each piece as it is applied.
  // Opened on a full document, y-indexeddb would encode all of it again in one go (half a second
  // in one task for a case of 10,000 passages).
  const doc = new Y.Doc();
  const persistence = await openCaseDocCopy(invitation.caseId, doc);
  let provider: HocuspocusProvider;
  let info;
  try {
    // Piece by piece, letting the page answer in between: a big case is megabytes, a long task in one go.
    for (const piece of state ?? []) {
      Y.applyUpdate(doc, piece);
      await nextTask();
    }
    provider = await new Promise<HocuspocusProvider>((resolve, reject) => {
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        p.destroy();
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(t('sync.joinTimeout', { server: address.http, seconds: JOIN_TIMEOUT_MS / 1000 })), JOIN_TIMEOUT_MS);
      const p = new HocuspocusProvider({
        url: address.ws,
        name: caseDocName(invitation.caseId),
        document: doc,
        token: invitation.token,
        onAuthenticationFailed: ({ reason }) => fail(t('sync.joinRefused', { reason: translate(syncRefusalTextRef(reason)).replace(/\.$/u, '') })),
        onSynced: () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
    try {
      info = readCaseInfo(doc);
      if (!info) throw new Error(t('sync.noContent'));
    } catch (error) {
      provider.destroy();
      throw error;
    }
  } catch (error) {
    // Nothing is kept of a join that failed.
    await persistence.clearData();
    throw error;
  }
  const link: SyncLink = { caseId: invitation.caseId, server: address.http, ws: address.ws, token: invitation.token, role: invitation.role, cursor: 0, joined: false, sharedHere: false };
  await setMeta(linkKey(link.caseId), link);
  const sync = track(new CaseSync(link, doc));
  await sync.start('join', provider, persistence);
  await sync.whenJoined();
  return { caseId: link.caseId, name: info.name };
}

/** Disconnect the case from its server; the local copy stays, as an ordinary case. */
export async function stopSharing(caseId: string): Promise<void> {
  const sync = syncs.get(caseId);
  syncs.delete(caseId);
  unlockCase(caseId);
  await deleteMeta(linkKey(caseId));
  await sync?.destroy(true);
  changed();
}
