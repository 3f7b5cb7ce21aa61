import { useState, type RefObject } from 'react';
import type { PassageRecord } from '../../../shared/domain/types';
import { deletePassage, findPassageCitations, restoreFromTrash, type PassageCitationPlace } from '../../db/repositories';
import { failureText, t } from '../../i18n';
import { InlineConfirm } from '../../lib/InlineConfirm';
import { useNotices } from '../../lib/notices';

/** "the Brief (citation 2, twice) and “Notes” (citation 1)" */
export function citationPlacesText(places: readonly PassageCitationPlace[]): string {
  const parts = places.map((p) => (p.count === 2 ? t('passage.citedPlaceTwice', { title: p.title, n: p.n }) : t('passage.citedPlace', { title: p.title, n: p.n, count: p.count })));
  return parts.length <= 1 ? (parts[0] ?? '') : t('passage.places', { list: parts.slice(0, -1).join(t('reader.namesSeparator')), last: parts.at(-1)! });
}

/**
 * Deleting a passage, with Undo. A passage the brief cites is only deleted
 * after the user confirms, having been told where it is cited: its citations
 * stay in place as "missing passage" markers. Cancel (or Escape) leaves the
 * passage and its citations as they were and puts focus back on
 * `returnFocus` (by default, the control that asked).
 */
export function useDeletePassage(onDeleted?: () => void, returnFocus?: RefObject<HTMLElement | null>) {
  const notices = useNotices();
  const [pending, setPending] = useState<{ passage: PassageRecord; places: PassageCitationPlace[] } | null>(null);

  const reallyDelete = async (passage: PassageRecord) => {
    setPending(null);
    try {
      const snapshot = await deletePassage(passage.id);
      onDeleted?.();
      notices.toast(t('passage.deletedToast'), { label: t('common.undo'), run: () => restoreFromTrash(snapshot) });
    } catch (error) {
      notices.error(failureText(error));
    }
  };

  const request = async (passage: PassageRecord) => {
    const places = await findPassageCitations(passage.caseId, passage.id);
    if (places.length === 0) await reallyDelete(passage);
    else setPending({ passage, places });
  };

  const confirmation = pending ? (
    <InlineConfirm confirmLabel={t('passage.deleteCited')} onConfirm={() => void reallyDelete(pending.passage)} onCancel={() => setPending(null)} returnFocus={returnFocus}>
      {t('passage.citedIn', { places: citationPlacesText(pending.places) })}
    </InlineConfirm>
  ) : null;

  return { request, confirmation, pendingId: pending?.passage.id ?? null };
}
