import { useCallback, useEffect, useState } from 'react';
import { useCase, useCases } from '../db/hooks';
import { setMeta } from '../db/repositories';
import { flushAll } from '../lib/flush';

export const ACTIVE_CASE_KEY = 'activeCaseId';

/**
 * The open case: remembered in the database (it survives a crash like the data does), falling back to
 * the most recently edited case when none is remembered or the remembered one is gone. `openCase` saves
 * pending edits before it switches.
 */
export function useActiveCase(initialCaseId: string | null) {
  const [caseId, setCaseIdState] = useState<string | null>(initialCaseId);
  const activeCase = useCase(caseId ?? undefined);
  const cases = useCases();

  const setCaseId = useCallback((id: string | null) => {
    setCaseIdState(id);
    void setMeta(ACTIVE_CASE_KEY, id);
  }, []);

  const openCase = useCallback(
    async (id: string | null) => {
      await flushAll();
      setCaseId(id);
    },
    [setCaseId],
  );

  // No remembered case, or it no longer exists: open the most recently edited one.
  useEffect(() => {
    if (cases === undefined || (caseId && activeCase === undefined)) return;
    if (!caseId || activeCase === null) {
      const fallback = cases[0]?.id ?? null;
      if (fallback !== caseId) setCaseId(fallback);
    }
  }, [activeCase, caseId, cases, setCaseId]);

  return { activeCase, openCase };
}
