import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useClaims, usePassages, useSource, useSources, useTags } from '../db/hooks';
import { setActiveSource } from '../db/repositories';
import { currentLocale, failureText, onLocaleChange, useTranslation } from '../i18n';
import { CommandServiceContext, WorkspaceContext } from '../lib/commands';
import { setContextKeys } from '../lib/contextKeys';
import type { PaneContribution, PaneProps, WorkspaceApi, WorkspaceData } from '../lib/contributions';
import { flushWhenLeaving } from '../lib/flush';
import { onNavigate } from '../lib/navigation';
import { afterPaint } from '../lib/afterPaint';
import { markCaseOnScreen } from '../lib/caseOnScreen';
import { preloadPanes } from '../lib/preloadable';
import { useNotices } from '../lib/notices';
import { platform } from '../platform';
import { CasePane } from './CasePane';
import { createRegistry } from './commandService';
import { CONTRIBUTIONS } from './contributions';
import { loadLayout, saveLayout, type CaseLayout } from './layout';
import { PaneTabs } from './PaneTabs';
import { Splitter } from './Splitter';
import { TitleBar } from './TitleBar';
import { keepTrashWithinRetention } from '../features/trash/retention';
import { useActiveCase } from './useActiveCase';

const PANES: readonly PaneContribution[] = CONTRIBUTIONS.flatMap((c) => c.panes ?? []).sort((a, b) => a.order - b.order);
const OVERLAYS = CONTRIBUTIONS.flatMap((c) => (c.overlays ?? []).map((component, index) => ({ key: `${c.id}:${index}`, component })));
const inSlot = (slot: PaneContribution['slot']) => PANES.filter((pane) => pane.slot === slot);

/** One pane of a slot, with the open case's records when it wants them. */
function Pane({ pane, data }: { pane: PaneContribution; data: WorkspaceData | null }) {
  if (pane.scope === 'app') return <pane.component />;
  return data ? <CasePane pane={pane} data={data} /> : null;
}

/**
 * The workbench's layout: title bar, sidebar panes, the main pane (the reader) beside the right-hand
 * tabs, and every feature's overlays. It loads the open case's records once for all panes, publishes
 * the context keys, and routes the keyboard and the desktop menu to the command registry. Everything a
 * feature does comes through its contribution (./contributions.ts).
 */
export function Workspace({ initialCaseId }: { initialCaseId: string | null }) {
  const { t } = useTranslation();
  const notices = useNotices();
  const { activeCase, openCase } = useActiveCase(initialCaseId);
  const caseId = activeCase?.id;
  const sources = useSources(caseId);
  // A source the user just chose is shown at once; the case record's activeSourceId follows when its
  // write commits (and any later change of it, from elsewhere, wins again).
  const [chosen, setChosen] = useState<{ caseId: string; sourceId: string; after: string | undefined } | null>(null);
  const storedSourceId = activeCase?.activeSourceId;
  const pending = chosen && chosen.caseId === caseId && chosen.after === storedSourceId ? chosen.sourceId : undefined;
  const activeSourceId = pending ?? storedSourceId ?? sources?.[0]?.id;
  const activeSource = useSource(activeSourceId);
  const passages = usePassages(caseId);
  const tags = useTags(caseId);
  const claims = useClaims(caseId);

  const data = useMemo<WorkspaceData | null>(
    () => (activeCase ? { caseRecord: activeCase, sources, activeSourceId, activeSource, passages, tags, claims } : null),
    [activeCase, activeSource, activeSourceId, claims, passages, sources, tags],
  );

  // The case is on screen once what its panes show first is loaded: work that waits for it (the search
  // index's feed) starts after that frame is painted.
  const loaded = caseId !== undefined && sources !== undefined && passages !== undefined && claims !== undefined && tags !== undefined && (activeSourceId === undefined || activeSource !== undefined);
  useEffect(() => markCaseOnScreen(loaded ? caseId : null), [caseId, loaded]);

  // Before the browser paints or handles the next key: a shortcut pressed as a new case appears acts on that case.
  useLayoutEffect(() => {
    setContextKeys({ caseId: activeCase?.id ?? null, caseName: activeCase?.name ?? null, sourceId: activeSource?.id ?? null, backups: platform().backups !== null });
  }, [activeCase?.id, activeCase?.name, activeSource?.id]);

  // The layout of the open case (splitter, front tab), remembered per case.
  const [stored, setStored] = useState<{ caseId: string; layout: CaseLayout } | null>(null);
  if (caseId && (!stored || stored.caseId !== caseId)) setStored({ caseId, layout: loadLayout(caseId) });
  const layout = stored && stored.caseId === caseId ? stored.layout : null;
  const changeLayout = useCallback((patch: Partial<CaseLayout>) => {
    setStored((current) => {
      if (!current) return current;
      const next = { ...current.layout, ...patch };
      saveLayout(current.caseId, next);
      return { caseId: current.caseId, layout: next };
    });
  }, []);

  const showPane = useCallback(
    (paneId: string) => {
      if (inSlot('right').some((pane) => pane.id === paneId)) changeLayout({ tab: paneId });
    },
    [changeLayout],
  );

  // Stable for the life of the workspace (it reads the open case through a ref), so the workspace's context
  // does not change, and re-render every pane that uses it, each time a source is chosen.
  const openSourceState = useRef({ caseId, storedSourceId, notices });
  openSourceState.current = { caseId, storedSourceId, notices };
  const openSource = useCallback((sourceId: string) => {
    const { caseId, storedSourceId, notices } = openSourceState.current;
    if (!caseId) return;
    setChosen({ caseId, sourceId, after: storedSourceId });
    setActiveSource(caseId, sourceId).catch((error: unknown) => {
      setChosen(null);
      notices.error(failureText(error));
    });
  }, []);

  const workspace = useMemo<WorkspaceApi>(() => ({ openCase, showPane, openSource }), [openCase, showPane, openSource]);

  // One registry for the life of the workspace; it reads the latest notices and workspace through refs.
  const noticesRef = useRef(notices);
  noticesRef.current = notices;
  const workspaceRef = useRef(workspace);
  workspaceRef.current = workspace;
  const [registry] = useState(() => createRegistry(CONTRIBUTIONS, { shell: platform().shell, notices: () => noticesRef.current, workspace: () => workspaceRef.current }));

  // Shortcuts (captured before editors and fields see them) and the desktop menu both run commands.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => void registry.handleKey(event);
    window.addEventListener('keydown', onKey, true);
    const unsubscribe = platform().onMenu((command) => void registry.run(command));
    return () => {
      window.removeEventListener('keydown', onKey, true);
      unsubscribe();
    };
  }, [registry]);

  // The desktop menu speaks the UI's language.
  useEffect(() => {
    platform().setMenuLocale(currentLocale());
    return onLocaleChange((locale) => platform().setMenuLocale(locale));
  }, []);

  // A pane comes to the front when something elsewhere asks for what it shows (opening a claim shows Claims).
  useEffect(
    () =>
      onNavigate((request) => {
        const pane = inSlot('right').find((p) => p.revealOn?.includes(request.kind));
        if (pane) showPane(pane.id);
      }),
    [showPane],
  );

  // Once a case is open and on screen, load the code of the panes that load on demand, so a first click
  // on their tab draws at once (their data and workers still wait for the click). Not "when idle": on a
  // busy machine a big case kept the page from idling for longer than a user takes to click a tab.
  const caseOpen = caseId !== undefined;
  useEffect(() => (caseOpen ? afterPaint(() => preloadPanes(PANES)) : undefined), [caseOpen]);

  useEffect(() => flushWhenLeaving(), []);
  // The Trash lets go of what has been in it longer than its retention period.
  useEffect(() => keepTrashWithinRetention(), []);

  const paneProps: PaneProps | null = data;
  const main = inSlot('main')[0];
  return (
    <CommandServiceContext.Provider value={registry}>
      <WorkspaceContext.Provider value={workspace}>
        <div className="app">
          <TitleBar caseId={activeCase?.id ?? null} caseName={activeCase?.name ?? null} />
          <aside className="sidebar" aria-label={t('app.sidebar')}>
            {inSlot('sidebar').map((pane) => (
              <Pane key={pane.id} pane={pane} data={data} />
            ))}
          </aside>
          <main className="workspace">
            {paneProps && layout && main ? (
              <Splitter
                label={t('app.resizeSplit')}
                value={layout.split}
                onChange={(split) => changeLayout({ split })}
                left={<Pane pane={main} data={paneProps} />}
                right={<PaneTabs panes={inSlot('right')} data={paneProps} active={layout.tab} onSelect={showPane} />}
              />
            ) : (
              <div className="no-case">
                <h1>{t('app.noCaseTitle')}</h1>
                <p>{t('app.noCaseText')}</p>
              </div>
            )}
          </main>
          {OVERLAYS.map(({ key, component: Overlay }) => (
            <Overlay key={key} />
          ))}
        </div>
      </WorkspaceContext.Provider>
    </CommandServiceContext.Provider>
  );
}
