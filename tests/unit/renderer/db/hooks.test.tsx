// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../../shared/domain/types';
import type { CasefileDB } from '../../../../renderer/db/db';
import { useSource, useSources } from '../../../../renderer/db/hooks';
import { addSource, createCase } from '../../../../renderer/db/repositories';
import { freshDb, textDraft } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: CasefileDB;
afterEach(() => db?.close());


/** Wait until the live queries have answered (they run on IndexedDB's event loop, outside React). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
}

describe('keyed live queries', () => {
  it("never answer for one case with another case's sources, nor say 'no source' while a source is read", async () => {
    db = await freshDb();
    const a = await createCase('Case A');
    const b = await createCase('Case B');
    const inA = await addSource(a.id, textDraft('alpha', "A paragraph of the team's own words."));
    const seen: { caseId: string; titles: string[] | undefined; sourceId: string | undefined; source: SourceRecord | null | undefined }[] = [];

    function Probe({ caseId, sourceId }: { caseId: string; sourceId: string | undefined }) {
      const sources = useSources(caseId);
      const source = useSource(sourceId);
      useEffect(() => void seen.push({ caseId, titles: sources?.map((s) => s.metadata.title), sourceId, source }));
      return null;
    }

    const root = createRoot(document.createElement('div'));
    await act(() => root.render(<Probe caseId={a.id} sourceId={undefined} />));
    await settle();
    await act(() => root.render(<Probe caseId={a.id} sourceId={inA.id} />));
    await settle();
    await act(() => root.render(<Probe caseId={b.id} sourceId={inA.id} />));
    await settle();
    act(() => root.unmount());

    // Case B has no sources: it was never answered with case A's.
    const forB = seen.filter((s) => s.caseId === b.id);
    expect(forB.at(-1)?.titles).toEqual([]);
    expect(forB.some((s) => s.titles?.includes('alpha'))).toBe(false);
    expect(seen.filter((s) => s.caseId === a.id).at(-1)?.titles).toEqual(['alpha']);
    // Asked for a source after being asked for none: loading (undefined), then the source; never the "none" answer.
    const asked = seen.filter((s) => s.sourceId === inA.id);
    expect(asked.some((s) => s.source === null)).toBe(false);
    expect(asked.at(-1)?.source?.id).toBe(inA.id);
    expect(seen.filter((s) => s.sourceId === undefined).at(-1)?.source).toBeNull();
  });
});
