/**
 * Word between tabs and windows that a note was saved. Every open Casefile page
 * (tab or window of the same origin) hears every other one over one
 * BroadcastChannel; a page with the note open compares the announced version
 * with the one its editor is based on (see NoteEditor). Dexie's live queries
 * notice the same write a moment later, also across tabs; the announcement makes
 * the reaction immediate and says which page wrote it.
 */
const CHANNEL_NAME = 'casefile-notes';

/** This page, so it can tell its own announcements from everyone else's. */
export const PAGE_ID = crypto.randomUUID();

interface NoteSaved {
  kind: 'note-saved';
  noteId: string;
  updatedAt: number;
  from: string;
}

let channel: BroadcastChannel | null | undefined;
const listeners = new Set<(message: NoteSaved) => void>();

function open(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<NoteSaved> | null;
    if (data?.kind !== 'note-saved' || typeof data.noteId !== 'string' || typeof data.updatedAt !== 'number' || data.from === PAGE_ID) return;
    for (const listener of listeners) listener(data as NoteSaved);
  });
  return channel;
}

/** Tell the other pages that this one saved `noteId` at version `updatedAt`. */
export function announceNoteSaved(noteId: string, updatedAt: number): void {
  open()?.postMessage({ kind: 'note-saved', noteId, updatedAt, from: PAGE_ID } satisfies NoteSaved);
}

/** Be told when another page saves `noteId`; returns the unsubscribe. */
export function onNoteSavedElsewhere(noteId: string, listener: (updatedAt: number) => void): () => void {
  open();
  const filtered = (message: NoteSaved) => message.noteId === noteId && listener(message.updatedAt);
  listeners.add(filtered);
  return () => listeners.delete(filtered);
}

const pageLock = (pageId: string) => `casefile-page:${pageId}`;

// Held for the page's whole life, so other pages can tell whether this one is still open.
void navigator.locks?.request(pageLock(PAGE_ID), () => new Promise<never>(() => undefined)).catch(() => undefined);

/**
 * Whether the page `pageId` is still open (in any tab or window). Without the
 * Web Locks API every other page counts as open, so nothing of theirs is taken.
 */
export async function isPageOpen(pageId: string): Promise<boolean> {
  if (pageId === PAGE_ID) return true;
  if (!navigator.locks) return true;
  const { held = [] } = await navigator.locks.query();
  return held.some((lock) => lock.name === pageLock(pageId));
}
