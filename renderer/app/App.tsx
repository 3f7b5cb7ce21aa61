import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/ipc/contract';
import { openDatabase } from '../db';
import { useCase, useCases, useClaims, usePassages, useSource, useSources, useTags } from '../db/hooks';
import { createCase, ensureSampleCase, getMeta, readCaseSnapshot, setMeta } from '../db/repositories';
import { AnnotatedReader } from '../features/passages/AnnotatedReader';
import { PassageList } from '../features/passages/PassageList';
import { useUpdateSource } from '../features/passages/UpdateSource';
import { BriefPane } from '../features/brief/BriefPane';
import { ClaimsPanel } from '../features/claims/ClaimsPanel';
import { CodebookPanel } from '../features/tags/CodebookPanel';
import { CaseList } from '../features/cases/CaseList';
import { isBundleFile, requestBundleImport } from '../features/cases/bundleImport';
import { CommandPalette } from '../features/search/CommandPalette';
import { MetadataDialog } from '../features/sources/MetadataDialog';
import { SourceList } from '../features/sources/SourceList';
import { useImport } from '../features/sources/useImport';
import { StorageTroubleDialog } from '../features/storage/StorageTroubleDialog';
import { YourName } from '../features/identity/YourName';
import { Trash } from '../features/trash/Trash';
import { keepTrashWithinRetention } from '../features/trash/retention';
import { flushAll } from '../lib/flush';
import { onNavigate } from '../lib/navigation';
import { NoticesProvider, useNotices } from '../lib/notices';
import { platform } from '../platform';
import { Splitter } from './Splitter';

const ACTIVE_CASE_KEY = 'activeCaseId';

// The case views load on first use: they bring d3 and the extraction worker with them.
const TimelinePane = lazy(async () => ({ default: (await import('../features/timeline/TimelinePane')).TimelinePane }));
const EntitiesPane = lazy(async () => ({ default: (await import('../features/entities/EntitiesPane')).EntitiesPane }));
const EvidenceMapPane = lazy(async () => ({ default: (await import('../features/evidenceMap/EvidenceMapPane')).EvidenceMapPane }));

/** The right-hand tabs, in order. Each view is a tab whose panel is a region of the same name. */
type RightTab = 'brief' | 'claims' | 'timeline' | 'entities' | 'map';
const RIGHT_TABS: readonly RightTab[] = ['brief', 'claims', 'timeline', 'entities', 'map'];
const RIGHT_TAB_LABELS: Record<RightTab, string> = { brief: 'Brief', claims: 'Claims', timeline: 'Timeline', entities: 'Entities', map: 'Evidence map' };

type Boot = { state: 'loading' } | { state: 'ready'; initialCaseId: string | null } | { state: 'failed'; message: string };

/** Opens the database, seeds the sample case on first run, then shows the workspace. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      await openDatabase();
      const sampleId = await ensureSampleCase(async () => (await import('../features/sample/sampleCase')).buildSampleCase());
      const remembered = sampleId ?? (await getMeta<string>(ACTIVE_CASE_KEY)) ?? null;
      if (!cancelled) setBoot({ state: 'ready', initialCaseId: remembered });
    })().catch((error: unknown) => {
      if (!cancelled) setBoot({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (boot.state === 'failed') {
    return (
      <main className="boot-failed">
        <h1>Casefile cannot open your data</h1>
        <p role="alert">{boot.message}</p>
      </main>
    );
  }
  if (boot.state === 'loading') {
    return (
      <main className="boot-loading" aria-busy="true">
        <p>Opening Casefile…</p>
      </main>
    );
  }
  return (
    <NoticesProvider>
      <Workspace initialCaseId={boot.initialCaseId} />
      <StorageTroubleDialog />
    </NoticesProvider>
  );
}

function isEditableTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null);
}

function Workspace({ initialCaseId }: { initialCaseId: string | null }) {
  const [caseId, setCaseIdState] = useState<string | null>(initialCaseId);
  const [editingSourceId, setEditingSourceId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const activeCase = useCase(caseId ?? undefined);
  const sources = useSources(activeCase?.id);
  const activeSourceId = activeCase?.activeSourceId ?? sources?.[0]?.id;
  const activeSource = useSource(activeSourceId);
  const passages = usePassages(activeCase?.id);
  const tags = useTags(activeCase?.id);
  const claims = useClaims(activeCase?.id);
  const [filterTagId, setFilterTagId] = useState<string | null>(null);
  const [rightTab, setRightTab] = useState<RightTab>('brief');
  // A view once opened stays mounted (hidden), so switching back keeps its zoom and selection.
  const [opened, setOpened] = useState<ReadonlySet<RightTab>>(() => new Set<RightTab>(['brief', 'claims']));
  useEffect(() => setOpened((set) => (set.has(rightTab) ? set : new Set([...set, rightTab]))), [rightTab]);
  const notices = useNotices();
  const { chooseAndImport, importPicked, importText } = useImport(activeCase?.id ?? null);

  // Opening a claim from anywhere shows the Claims tab; writing into the brief shows the brief.
  useEffect(
    () =>
      onNavigate((request) => {
        if (request.kind === 'open-claim') setRightTab('claims');
        if (request.kind === 'open-entity') setRightTab('entities');
        if (request.kind === 'show-brief' || request.kind === 'open-note') setRightTab('brief');
      }),
    [],
  );

  // A tag filter belongs to one case.
  useEffect(() => setFilterTagId(null), [activeCase?.id]);

  const exportCaseJson = async () => {
    if (!activeCase) return;
    try {
      const snapshot = await readCaseSnapshot(activeCase.id);
      if (!snapshot) return;
      const { toCaseJson } = await import('../../shared/export/caseJson');
      const { case: record, sources: all, passages: ps, claims: cs, tags: ts, notes } = snapshot;
      const text = toCaseJson({ case: record, sources: all, passages: ps, claims: cs, tags: ts, notes }, new Date());
      const safe = activeCase.name.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim().replace(/\s+/g, '-') || 'case';
      const saved = await platform().saveFile({
        suggestedName: `${safe}.case.json`,
        bytes: new TextEncoder().encode(text),
        mediaType: 'application/json',
        filters: [{ name: 'Casefile case (JSON)', extensions: ['json'] }],
      });
      if (saved) notices.toast(`Exported “${activeCase.name}” as JSON.`);
    } catch (error) {
      notices.error(`Could not export the case: ${(error as Error).message}`);
    }
  };

  const sourceUpdate = useUpdateSource();

  const cases = useCases();

  const setCaseId = useCallback((id: string | null) => {
    setCaseIdState(id);
    // Remembered in IndexedDB (strict durability), so it survives a crash like the data does.
    void setMeta(ACTIVE_CASE_KEY, id);
  }, []);

  // No remembered case, or it no longer exists: open the most recently edited one.
  useEffect(() => {
    if (cases === undefined || (caseId && activeCase === undefined)) return;
    if (!caseId || activeCase === null) {
      const fallback = cases[0]?.id ?? null;
      if (fallback !== caseId) setCaseId(fallback);
    }
  }, [activeCase, caseId, cases, setCaseId]);

  // The Trash lets go of what has been in it longer than its retention period.
  useEffect(() => keepTrashWithinRetention(), []);

  // Save pending edits whenever the page may go away.
  useEffect(() => {
    const onHide = () => void flushAll();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
    };
  }, []);

  // Native menu commands (desktop) and the same shortcuts in the browser.
  useEffect(() => {
    const run = async (command: MenuCommand) => {
      if (command === 'import-source') await chooseAndImport();
      if (command === 'new-case') {
        await flushAll();
        setCaseId((await createCase('Untitled case')).id);
      }
    };
    const unsubscribe = platform().onMenu((command) => void run(command));
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void run('import-source');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [chooseAndImport, setCaseId]);

  // Paste plain text outside any text field: import it as a source.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (isEditableTarget(e.target)) return;
      const pasted = e.clipboardData?.getData('text/plain');
      if (!pasted) return;
      e.preventDefault();
      void importText(pasted);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [importText]);

  const onDrop = async (e: React.DragEvent) => {
    setDragging(false);
    if (isEditableTarget(e.target) && !e.dataTransfer.files.length) return;
    e.preventDefault();
    const files = Array.from(e.dataTransfer.files);
    if (files.length) {
      const picked = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      // Case bundles open as cases; every other file is a source for the open case.
      picked.filter((f) => isBundleFile(f.name)).forEach(requestBundleImport);
      const sources = picked.filter((f) => !isBundleFile(f.name));
      if (sources.length) await importPicked(sources);
      return;
    }
    const dropped = e.dataTransfer.getData('text/plain');
    if (dropped) await importText(dropped);
  };

  const editingSource = editingSourceId && activeSource?.id === editingSourceId ? activeSource : null;

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files') || (!isEditableTarget(e.target) && e.dataTransfer.types.includes('text/plain'))) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Casefile
        </span>
        <span className="topbar-case">{activeCase?.name}</span>
        {activeCase && (
          <button type="button" className="small topbar-action" onClick={() => void exportCaseJson()}>
            Export case as JSON
          </button>
        )}
        {activeCase && <Trash caseId={activeCase.id} caseName={activeCase.name} onOpenCase={setCaseId} />}
        <YourName />
      </header>
      <aside className="sidebar" aria-label="Case navigation">
        <CaseList activeCaseId={activeCase?.id ?? null} onSelect={setCaseId} beforeLeave={flushAll} />
        {activeCase && (
          <>
            <SourceList caseId={activeCase.id} sources={sources} activeSourceId={activeSourceId} onImport={() => void chooseAndImport()} />
            <PassageList caseId={activeCase.id} caseName={activeCase.name} passages={passages} sources={sources} tags={tags} filterTagId={filterTagId} />
            <CodebookPanel caseId={activeCase.id} filterTagId={filterTagId} onFilter={setFilterTagId} />
          </>
        )}
      </aside>
      <main className="workspace">
        {activeCase ? (
          <Splitter
            label="Resize source and brief"
            left={
              <AnnotatedReader
                caseId={activeCase.id}
                source={activeSource ?? undefined}
                passages={passages ?? []}
                tags={tags ?? []}
                claims={claims ?? []}
                filterTagId={filterTagId}
                onShowClaims={() => setRightTab('claims')}
                onShowBrief={() => setRightTab('brief')}
                empty={
                  <>
                    <h2>No source yet</h2>
                    <p>Import an article, report or transcript (.txt, .md, .html, PDF or Word), drop a file here, paste text, or import a web page from its address.</p>
                    <button type="button" className="primary" onClick={() => void chooseAndImport()}>
                      Import a file
                    </button>
                  </>
                }
                actions={
                  activeSource ? (
                    <>
                      <button type="button" className="small" onClick={() => setEditingSourceId(activeSource.id)}>
                        Edit details
                      </button>
                      <button type="button" className="small" aria-haspopup="dialog" onClick={() => void sourceUpdate.start(activeSource)}>
                        Update source…
                      </button>
                    </>
                  ) : undefined
                }
              />
            }
            right={
              <div className="right-pane">
                <div className="tabs" role="tablist" aria-label="Writing and claims">
                  {RIGHT_TABS.map((tab, index) => (
                    <button
                      key={tab}
                      type="button"
                      role="tab"
                      id={`tab-${tab}`}
                      aria-controls={`panel-${tab}`}
                      aria-selected={rightTab === tab}
                      tabIndex={rightTab === tab ? 0 : -1}
                      onClick={() => setRightTab(tab)}
                      onKeyDown={(e) => {
                        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                        const to = e.key === 'Home' ? 0 : e.key === 'End' ? RIGHT_TABS.length - 1 : step ? (index + step + RIGHT_TABS.length) % RIGHT_TABS.length : -1;
                        if (to < 0) return;
                        e.preventDefault();
                        const next = RIGHT_TABS[to]!;
                        setRightTab(next);
                        document.getElementById(`tab-${next}`)?.focus();
                      }}
                    >
                      {tab === 'claims' && claims?.length ? `Claims (${claims.length})` : RIGHT_TAB_LABELS[tab]}
                    </button>
                  ))}
                </div>
                <div role="tabpanel" id="panel-brief" aria-labelledby="tab-brief" hidden={rightTab !== 'brief'} className="tab-panel">
                  <BriefPane caseId={activeCase.id} briefNoteId={activeCase.briefNoteId} />
                </div>
                <div role="tabpanel" id="panel-claims" aria-labelledby="tab-claims" hidden={rightTab !== 'claims'} className="tab-panel">
                  <ClaimsPanel caseId={activeCase.id} activeSource={activeSource} />
                </div>
                {(['timeline', 'entities', 'map'] as const).map((tab) => (
                  <div key={tab} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} hidden={rightTab !== tab} className="tab-panel">
                    {opened.has(tab) && (
                      <Suspense fallback={<p className="pad muted">Loading…</p>}>
                        {tab === 'timeline' && <TimelinePane caseId={activeCase.id} caseName={activeCase.name} sources={sources} passages={passages} claims={claims} />}
                        {tab === 'entities' && <EntitiesPane caseId={activeCase.id} sources={sources} passages={passages} claims={claims} />}
                        {tab === 'map' && <EvidenceMapPane caseId={activeCase.id} caseName={activeCase.name} sources={sources} passages={passages} claims={claims} />}
                      </Suspense>
                    )}
                  </div>
                ))}
              </div>
            }
          />
        ) : (
          <div className="no-case">
            <h1>No case open</h1>
            <p>Choose a case on the left, or create a new one.</p>
          </div>
        )}
      </main>
      <CommandPalette caseId={activeCase?.id ?? null} onSelectCase={setCaseId} onImport={() => void chooseAndImport()} onExportJson={() => void exportCaseJson()} />
      {editingSource && <MetadataDialog source={editingSource} onClose={() => setEditingSourceId(null)} />}
      {sourceUpdate.dialog}
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop to import as a source
        </div>
      )}
    </div>
  );
}
