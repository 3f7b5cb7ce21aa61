// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, SourceRecord } from '../../../../shared/domain/types';
import { CasePane, showsTheSame } from '../../../../renderer/app/CasePane';
import type { PaneContribution, PaneProps } from '../../../../renderer/lib/contributions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type CaseScoped = Extract<PaneContribution, { scope: 'case' }>;
const caseRecord = { id: 'c1', name: 'Port' } as CaseRecord;
const sources = [{ id: 's1' }, { id: 's2' }] as SourceRecord[];
const data = (activeSourceId: string, record = caseRecord): PaneProps => ({ caseRecord: record, sources, activeSourceId, activeSource: undefined, passages: [], tags: [], claims: [] });

describe('showsTheSame', () => {
  const pane = (shows?: CaseScoped['shows']): CaseScoped => ({ id: 'p', title: 'panes.sources', slot: 'sidebar', order: 1, scope: 'case', component: () => null, shows });

  it('compares only what a pane says it shows', () => {
    const codebook = pane((d) => [d.caseRecord.id]);
    expect(showsTheSame(codebook, data('s1'), data('s2'))).toBe(true);
    expect(showsTheSame(codebook, data('s1'), data('s1', { ...caseRecord, id: 'c2' }))).toBe(false);
    const list = pane((d) => [d.caseRecord.id, d.sources, d.activeSourceId]);
    expect(showsTheSame(list, data('s1'), data('s2'))).toBe(false);
    expect(showsTheSame(list, data('s1'), { ...data('s1'), sources: [...sources] })).toBe(false);
    expect(showsTheSame(list, data('s1'), { ...data('s1'), claims: [] })).toBe(true);
  });

  it('treats a pane that says nothing as showing everything', () => {
    const same = data('s1');
    expect(showsTheSame(pane(), same, same)).toBe(true);
    expect(showsTheSame(pane(), data('s1'), data('s1'))).toBe(false);
  });
});

describe('CasePane', () => {
  it('re-renders a pane only when what it shows changed', async () => {
    const renders: string[] = [];
    const pane: CaseScoped = {
      id: 'codebook',
      title: 'panes.codebook',
      slot: 'sidebar',
      order: 1,
      scope: 'case',
      component: ({ caseRecord }) => (renders.push(caseRecord.id), null),
      shows: (d) => [d.caseRecord.id],
    };
    const root = createRoot(document.createElement('div'));
    await act(() => root.render(<CasePane pane={pane} data={data('s1')} />));
    await act(() => root.render(<CasePane pane={pane} data={data('s2')} />));
    await act(() => root.render(<CasePane pane={pane} data={data('s2', { ...caseRecord, id: 'c2' })} />));
    expect(renders).toEqual(['c1', 'c2']);
    act(() => root.unmount());
  });
});
