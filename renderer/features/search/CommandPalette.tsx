import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useCases } from '../../db/hooks';
import { useTranslation } from '../../i18n';
import { useCommandService, useWorkspace } from '../../lib/commands';
import { useContextKeys } from '../../lib/contextKeys';
import { ariaKeyShortcut, formatAccelerator } from '../../lib/keybindings';
import { navigate } from '../../lib/navigation';
import { useModalDialog } from '../../lib/useModalDialog';
import '../../styles/search.css';
import { foldString } from '../../../shared/text/fold';
import { recentCaseIds } from '../cases/caseEvents';
import { hitHeading } from './hitHeading';
import type { DocKind, SearchHit } from './searchIndex';
import { useCaseSearch, type SearchResults } from './useCaseSearch';

interface Action {
  key: string;
  label: string;
  /** The shortcut as shown ("Ctrl+K") and as announced ("Control+K"). */
  hint?: string;
  ariaShortcut?: string;
  run(): void | Promise<void>;
}

type Item = { key: string; type: 'command' | 'case'; action: Action } | { key: string; type: 'hit'; hit: SearchHit };

const KIND_KEY = { source: 'palette.kind.source', chunk: 'palette.kind.chunk', passage: 'palette.kind.passage', claim: 'palette.kind.claim', note: 'palette.kind.note' } as const satisfies Record<DocKind, string>;

/** How many recent cases the palette offers before anything is typed. */
const RECENT_SHOWN = 5;

function focusReader() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.reader-scroll')?.focus({ preventScroll: true }));
}

/* The palette's open state: the command-palette command (Ctrl/Cmd+K, View › Command palette…) toggles it. */
const openListeners = new Set<() => void>();
let paletteOpen = false;
let returnFocus: HTMLElement | null = null;

export function togglePalette(): void {
  if (!paletteOpen) returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  paletteOpen = !paletteOpen;
  for (const listener of [...openListeners]) listener();
}

/**
 * The command palette (Ctrl/Cmd+K): recent cases, every available command of
 * the registry with its shortcut, and a search of the open case's sources,
 * passages, claims and notes, in one list. A combobox drives a listbox
 * through aria-activedescendant; Enter runs or opens the active row, Escape
 * closes and gives focus back.
 */
export function CommandPalette() {
  const [open, setOpen] = useState(paletteOpen);
  const { caseId } = useContextKeys();
  const { search, generation, failure, indexing } = useCaseSearch(caseId);

  useEffect(() => {
    const sync = () => setOpen(paletteOpen);
    openListeners.add(sync);
    return () => void openListeners.delete(sync);
  }, []);

  const close = useCallback((restore: boolean) => {
    paletteOpen = false;
    setOpen(false);
    const target = returnFocus;
    returnFocus = null;
    if (restore && target?.isConnected) requestAnimationFrame(() => target.focus({ preventScroll: true }));
  }, []);

  if (!open) return null;
  return <Palette caseId={caseId} search={search} generation={generation} failure={failure} indexing={indexing} onClose={close} />;
}

function Palette({
  caseId,
  search,
  generation,
  failure,
  indexing,
  onClose,
}: {
  caseId: string | null;
  search: (query: string) => Promise<SearchResults>;
  generation: number;
  failure: string | null;
  /** The case's index is still being built: a query may not find everything yet. */
  indexing: boolean;
  onClose(restoreFocus: boolean): void;
}) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [active, setActive] = useState(0);
  const cases = useCases();
  const list = useRef<HTMLDivElement>(null);
  const service = useCommandService();
  const workspace = useWorkspace();
  const keys = useContextKeys();

  const commands = useMemo<Action[]>(
    () =>
      service
        .list(keys)
        .filter((view) => view.enabled && view.command.palette !== false && view.command.id !== 'command-palette')
        .map((view) => ({
          key: view.command.id,
          label: t(view.command.title),
          ...(view.accelerator ? { hint: formatAccelerator(view.accelerator), ariaShortcut: ariaKeyShortcut(view.accelerator) } : {}),
          run: () => service.run(view.command.id),
        })),
    [keys, service, t],
  );

  // Before anything is typed, the cases opened last; once typing, every case whose name matches.
  const caseActions = useMemo<Action[]>(() => {
    const byId = new Map((cases ?? []).filter((c) => c.id !== caseId).map((c) => [c.id, c]));
    const recent = recentCaseIds()
      .map((recentId) => byId.get(recentId))
      .filter((c) => c !== undefined);
    const others = [...byId.values()].filter((c) => !recent.includes(c));
    return [...recent, ...others].map((c) => ({ key: c.id, label: t('palette.openCase', { name: c.name }), run: () => workspace.openCase(c.id) }));
  }, [caseId, cases, t, workspace]);

  const words = useMemo(() => foldString(query).split(/\s+/).filter(Boolean), [query]);
  const matchingCommands = useMemo(() => commands.filter((c) => words.every((w) => foldString(c.label).includes(w))), [commands, words]);
  const matchingCases = useMemo(
    () => (words.length ? caseActions.filter((c) => words.every((w) => foldString(c.label).includes(w))) : caseActions.slice(0, RECENT_SHOWN)),
    [caseActions, words],
  );

  // Search as the person types (and again when the index changes under an open palette).
  useEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      void search(query).then((r) => !stale && setResults(r));
    }, 50);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, search, generation]);

  const hits = results && results.query === query ? results.hits : [];
  const items: Item[] = [
    ...matchingCases.map((action): Item => ({ key: `case:${action.key}`, type: 'case', action })),
    ...matchingCommands.map((action): Item => ({ key: `cmd:${action.key}`, type: 'command', action })),
    ...hits.map((hit): Item => ({ key: hit.id, type: 'hit', hit })),
  ];
  const current = Math.min(active, Math.max(0, items.length - 1));
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const runItem = (item: Item | undefined) => {
    if (!item) return;
    if (item.type !== 'hit') {
      // A case opens with focus where the workspace puts it; a command may open a dialog that takes focus.
      onClose(item.type === 'command');
      void item.action.run();
      return;
    }
    const { hit } = item;
    onClose(hit.kind === 'claim' || hit.kind === 'note');
    if (hit.kind === 'passage') {
      navigate({ kind: 'reveal-passage', passageId: hit.recordId });
      focusReader();
    } else if (hit.kind === 'chunk' && hit.sourceId && hit.matchStart !== undefined && hit.matchEnd !== undefined) {
      navigate({ kind: 'reveal-text', sourceId: hit.recordId, start: hit.matchStart, end: hit.matchEnd });
      focusReader();
    } else if (hit.kind === 'source' && caseId) {
      workspace.openSource(hit.recordId);
      focusReader();
    } else if (hit.kind === 'claim') {
      navigate({ kind: 'open-claim', claimId: hit.recordId });
    } else if (hit.kind === 'note') {
      navigate({ kind: 'open-note', noteId: hit.recordId, query });
    }
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + items.length) % items.length);
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      const step = e.key === 'PageDown' ? 8 : -8;
      setActive(Math.max(0, Math.min(items.length - 1, current + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      runItem(items[current]);
    }
  };

  const optionId = (i: number) => `${id}-option-${i}`;
  const searching = query.trim() !== '' && (!results || results.query !== query);
  const status = failure
    ? t('palette.unavailable', { reason: failure })
    : !query.trim()
      ? t('palette.status.commands', { count: matchingCommands.length })
      : searching
        ? t('palette.status.searching')
        : [
            hits.length < (results?.total ?? 0) ? t('palette.status.top', { count: results?.total ?? 0, shown: hits.length }) : t('palette.status.results', { count: hits.length }),
            ...(matchingCommands.length ? [t('palette.status.commands', { count: matchingCommands.length })] : []),
            ...(indexing ? [t('palette.status.indexing')] : []),
          ].join(t('palette.status.separator'));

  let index = -1;
  const renderItem = (item: Item) => {
    index++;
    const i = index;
    const selected = i === current;
    return (
      <div
        key={item.key}
        id={optionId(i)}
        role="option"
        aria-selected={selected}
        data-index={i}
        aria-keyshortcuts={item.type !== 'hit' ? item.action.ariaShortcut : undefined}
        className={selected ? 'palette-option active' : 'palette-option'}
        onMouseMove={() => i !== current && setActive(i)}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => runItem(item)}
      >
        {item.type !== 'hit' ? (
          <>
            <span className="palette-label">{item.action.label}</span>
            {/* The shortcut is drawn by CSS from data-hint, so the option's text is the command's name alone; aria-keyshortcuts announces it. */}
            {item.action.hint && <span className="palette-hint" data-hint={item.action.hint} aria-hidden="true" />}
          </>
        ) : (
          <>
            <span className={`palette-kind palette-kind-${item.hit.kind}`}>{t(KIND_KEY[item.hit.kind])}</span>
            <span className="palette-main">
              <span className="palette-label">
                {hitHeading(item.hit, t)}
                {item.hit.where && <span className="palette-where"> · {item.hit.where}</span>}
              </span>
              {item.hit.snippet.length > 0 && (
                <span className="palette-snippet">
                  {item.hit.snippet.map((part, k) => (part.match ? <mark key={k}>{part.text}</mark> : <span key={k}>{part.text}</span>))}
                </span>
              )}
            </span>
          </>
        )}
      </div>
    );
  };

  const caseItems = items.filter((i) => i.type === 'case');
  const commandItems = items.filter((i) => i.type === 'command');
  const hitItems = items.filter((i) => i.type === 'hit');
  const groups = [
    { label: words.length ? t('palette.group.cases') : t('palette.group.recent'), items: caseItems },
    { label: t('palette.group.commands'), items: commandItems },
    { label: t('palette.group.results'), items: hitItems },
  ];

  return (
    <dialog
      ref={dialog}
      className="command-palette"
      aria-label={t('palette.title')}
      onCancel={(e) => {
        e.preventDefault();
        onClose(true);
      }}
      onClick={(e) => e.target === e.currentTarget && onClose(true)}
    >
      <div className="palette-box">
        <input
          className="palette-input"
          type="text"
          role="combobox"
          aria-label={t('palette.input')}
          aria-expanded={items.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? optionId(current) : undefined}
          placeholder={t('palette.placeholder')}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="palette-list" role="listbox" id={`${id}-list`} aria-label={t('palette.list')} ref={list}>
          {groups.map(
            (group) =>
              group.items.length > 0 && (
                <div key={group.label} role="group" aria-label={group.label}>
                  <div className="palette-group" aria-hidden="true">
                    {group.label}
                  </div>
                  {group.items.map(renderItem)}
                </div>
              ),
          )}
        </div>
        {query.trim() && !searching && items.length === 0 && <p className="palette-empty">{t(indexing ? 'palette.emptyYet' : 'palette.empty', { query: query.trim() })}</p>}
        <p className="palette-status" role="status">
          {status}
        </p>
      </div>
    </dialog>
  );
}
