// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../../shared/domain/types';
import type { CasefileDB } from '../../../../renderer/db/db';
import { usePassages, useSource, useSources } from '../../../../renderer/db/hooks';
import { addSource, createCase, createPassage, deletePassage } from '../../../../renderer/db/repositories';
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

describe('shared case-wide queries', () => {
  it('read outside Dexie\'s query cache and still follow writes: a new passage, a deleted one, one of another case', async () => {
    db = await freshDb();
    const a = await createCase('Case A');
    const b = await createCase('Case B');
    const source = await addSource(a.id, textDraft('alpha', 'Officers seized the cargo on Tuesday.'));
    const other = await addSource(b.id, textDraft('beta', 'Nothing of case A here.'));
    const seen: (string[] | undefined)[] = [];

    function Probe() {
      const passages = usePassages(a.id);
      useEffect(() => void seen.push(passages?.map((p) => p.selectors[0].exact).sort()));
      return null;
    }

    const root = createRoot(document.createElement('div'));
    await act(() => root.render(<Probe />));
    await settle();
    expect(seen.at(-1)).toEqual([]);
    const first = await createPassage(source, source.text.indexOf('Officers'), source.text.indexOf(' seized'));
    await settle();
    expect(seen.at(-1)).toEqual(['Officers']);
    await createPassage(source, source.text.indexOf('Tuesday'), source.text.indexOf('Tuesday') + 7);
    await createPassage(other, other.text.indexOf('Nothing'), other.text.indexOf(' of'));
    await settle();
    expect(seen.at(-1)).toEqual(['Officers', 'Tuesday']);
    await deletePassage(first.id);
    await settle();
    expect(seen.at(-1)).toEqual(['Tuesday']);
    act(() => root.unmount());
  });
});
