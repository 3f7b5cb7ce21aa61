import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createCase, setActiveSource } from '../../db/repositories';
import { useCases } from '../../db/hooks';
import { flushAll } from '../../lib/flush';
import { navigate } from '../../lib/navigation';
import { useModalDialog } from '../../lib/useModalDialog';
import '../../styles/search.css';
import { foldString } from '../../../shared/text/fold';
import type { DocKind, SearchHit } from './searchIndex';
import { useCaseSearch, type SearchResults } from './useCaseSearch';

export interface CommandPaletteProps {
  /** The active case: its records are searched. */
  caseId: string | null;
  /** Switch the workspace to a case (after "New case" or "Open case"). */
  onSelectCase(caseId: string): void;
  /** The app's "Import a file" action. */
  onImport(): void;
  /** The app's "Export case as JSON" action (for the active case). */
  onExportJson(): void;
}

interface Command {
  key: string;
  label: string;
  hint?: string;
  run(): void | Promise<void>;
}

type Item = { key: string; type: 'command'; command: Command } | { key: string; type: 'hit'; hit: SearchHit };

const KIND_LABEL: Record<DocKind, string> = { source: 'Source', chunk: 'Source text', passage: 'Passage', claim: 'Claim', note: 'Note' };
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function focusReader() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.reader-scroll')?.focus({ preventScroll: true }));
}

/**
 * The command palette (Ctrl/Cmd+K): the app's commands and a search of the
 * active case's sources, passages, claims and notes in one list. A combobox
 * drives a listbox through aria-activedescendant; Enter runs or opens the
 * active row, Escape closes and gives focus back.
 */
export function CommandPalette(props: CommandPaletteProps) {
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const { search, generation, failure } = useCaseSearch(props.caseId);

  const close = useCallback((restore: boolean) => {
    setOpen(false);
    const target = returnFocus.current;
    returnFocus.current = null;
    if (restore && target?.isConnected) requestAnimationFrame(() => target.focus({ preventScroll: true }));
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'k') return;
      e.preventDefault();
      e.stopPropagation();
      setOpen((was) => {
        if (!was) returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        return !was;
      });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (!open) return null;
  return <Palette {...props} search={search} generation={generation} failure={failure} onClose={close} />;
}

function Palette({
  caseId,
  onSelectCase,
  onImport,
  onExportJson,
  search,
  generation,
  failure,
  onClose,
}: CommandPaletteProps & {
  search: (query: string) => Promise<SearchResults>;
  generation: number;
  failure: string | null;
  onClose(restoreFocus: boolean): void;
}) {
  const dialog = useModalDialog();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [active, setActive] = useState(0);
  const cases = useCases();
  const list = useRef<HTMLDivElement>(null);

  const commands = useMemo<Command[]>(() => {
    const all: Command[] = [
      { key: 'import', label: 'Import a file…', hint: `${MOD}O`, run: onImport },
      {
        key: 'new-case',
        label: 'New case',
        run: async () => {
          await flushAll();
          onSelectCase((await createCase('Untitled case')).id);
        },
      },
    ];
    if (caseId) all.push({ key: 'export-json', label: 'Export case as JSON', run: onExportJson });
    for (const c of cases ?? []) {
      if (c.id !== caseId) all.push({ key: `case:${c.id}`, label: `Open case: ${c.name}`, run: () => onSelectCase(c.id) });
    }
    return all;
  }, [caseId, cases, onExportJson, onImport, onSelectCase]);

  const words = useMemo(() => foldString(query).split(/\s+/).filter(Boolean), [query]);
  const matchingCommands = useMemo(
    () => commands.filter((c) => words.every((w) => foldString(c.label).includes(w))),
    [commands, words],
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
    ...matchingCommands.map((command): Item => ({ key: `cmd:${command.key}`, type: 'command', command })),
    ...hits.map((hit): Item => ({ key: hit.id, type: 'hit', hit })),
  ];
  const current = Math.min(active, Math.max(0, items.length - 1));
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const runItem = (item: Item | undefined) => {
    if (!item) return;
    if (item.type === 'command') {
      onClose(true);
      void item.command.run();
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
      void setActiveSource(caseId, hit.recordId);
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
    ? `Search is unavailable: ${failure}`
    : !query.trim()
      ? `${matchingCommands.length} commands`
      : searching
        ? 'Searching…'
        : `${hits.length < (results?.total ?? 0) ? `Top ${hits.length} of ${results?.total}` : hits.length} ${hits.length === 1 ? 'result' : 'results'}${matchingCommands.length ? `, ${matchingCommands.length} ${matchingCommands.length === 1 ? 'command' : 'commands'}` : ''}`;

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
        className={selected ? 'palette-option active' : 'palette-option'}
        onMouseMove={() => i !== current && setActive(i)}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => runItem(item)}
      >
        {item.type === 'command' ? (
          <>
            <span className="palette-label">{item.command.label}</span>
            {item.command.hint && <kbd className="palette-hint">{item.command.hint}</kbd>}
          </>
        ) : (
          <>
            <span className={`palette-kind palette-kind-${item.hit.kind}`}>{KIND_LABEL[item.hit.kind]}</span>
            <span className="palette-main">
              <span className="palette-label">
                {item.hit.heading}
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

  const commandItems = items.filter((i) => i.type === 'command');
  const hitItems = items.filter((i) => i.type === 'hit');

  return (
    <dialog
      ref={dialog}
      className="command-palette"
      aria-label="Command palette"
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
          aria-label="Search or run a command"
          aria-expanded={items.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? optionId(current) : undefined}
          placeholder="Search this case, or type a command…"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="palette-list" role="listbox" id={`${id}-list`} aria-label="Commands and results" ref={list}>
          {commandItems.length > 0 && (
            <div role="group" aria-label="Commands">
              <div className="palette-group" aria-hidden="true">
                Commands
              </div>
              {commandItems.map(renderItem)}
            </div>
          )}
          {hitItems.length > 0 && (
            <div role="group" aria-label="In this case">
              <div className="palette-group" aria-hidden="true">
                In this case
              </div>
              {hitItems.map(renderItem)}
            </div>
          )}
        </div>
        {query.trim() && !searching && items.length === 0 && <p className="palette-empty">Nothing in this case matches “{query.trim()}”.</p>}
        <p className="palette-status" role="status">
          {status}
        </p>
      </div>
    </dialog>
  );
}
