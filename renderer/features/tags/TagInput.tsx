import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { sameTagName, TagError } from '../../../shared/claims/tags';
import { useTags } from '../../db/hooks';
import { ensureTags } from '../../db/repositories/tags';
import { Icon } from '../../lib/icons';
import './tags.css';

export interface TagInputProps {
  caseId: string;
  /** The IDs of the tags applied, in order. */
  value: string[];
  onChange(ids: string[]): void;
  /** The combobox's accessible name; "Tags" unless the context needs another. */
  label?: string;
}

type Option = { kind: 'tag'; id: string; name: string; color: string } | { kind: 'create'; name: string };

/** How many matches the list shows; typing more narrows it. */
const MAX_OPTIONS = 8;

/**
 * The tags of a passage or claim: chips for the applied tags and an ARIA 1.2
 * combobox that autocompletes over the case's codebook (a substring of the
 * full `parent/child` name matches, so "nca" finds "attribution/NCA"). Text
 * that names no tag is offered as "Create tag “x”", so coding never means a
 * detour to the codebook; a name the codebook cannot accept is explained in
 * an alert beside the field and nothing is created.
 */
export function TagInput({ caseId, value, onChange, label = 'Tags' }: TagInputProps) {
  const tags = useTags(caseId);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const byId = useMemo(() => new Map((tags ?? []).map((t) => [t.id, t])), [tags]);
  // The parent usually stores the change and passes it back through a live query a moment later. Until then,
  // build on what was last emitted, so two quick choices (or a choice then Backspace) do not undo each other.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const emit = (next: string[]) => {
    latest.current = next;
    onChange(next);
  };

  const options = useMemo<Option[]>(() => {
    const query = text.trim().toLowerCase();
    const list: Option[] = (tags ?? [])
      .filter((t) => !value.includes(t.id) && t.name.toLowerCase().includes(query))
      .slice(0, MAX_OPTIONS)
      .map((t) => ({ kind: 'tag', id: t.id, name: t.name, color: t.color }));
    if (query && !(tags ?? []).some((t) => safeSame(t.name, text))) list.push({ kind: 'create', name: text.trim() });
    return list;
  }, [tags, text, value]);

  const expanded = open && options.length > 0;
  const current = expanded ? options[active] : undefined;

  const reset = () => {
    setText('');
    setActive(-1);
    setError('');
  };

  const choose = async (option: Option) => {
    if (option.kind === 'tag') {
      if (!latest.current.includes(option.id)) emit([...latest.current, option.id]);
      reset();
      return;
    }
    setBusy(true);
    try {
      const [tag] = await ensureTags(caseId, [option.name]);
      if (tag && !latest.current.includes(tag.id)) emit([...latest.current, tag.id]);
      reset();
    } catch (e) {
      setError(e instanceof TagError ? e.message : `The tag could not be created: ${(e as Error).message}`);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const move = (step: 1 | -1) => {
    setOpen(true);
    if (!options.length) return;
    setActive((a) => (a < 0 ? (step > 0 ? 0 : options.length - 1) : (a + step + options.length) % options.length));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      // With nothing highlighted, Enter takes the first suggestion for the typed text: an exact match, else "Create".
      const pick = current ?? (text.trim() ? (options.find((o) => o.kind === 'tag' && safeSame(o.name, text)) ?? options.find((o) => o.kind === 'create') ?? options[0]) : undefined);
      if (!pick || busy) return;
      e.preventDefault();
      void choose(pick);
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        e.preventDefault();
        e.stopPropagation();
        reset();
      }
    } else if (e.key === 'Backspace' && !text && latest.current.length) {
      emit(latest.current.slice(0, -1));
    }
  };

  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <div className="tag-combo">
      {value.length > 0 && (
        <ul className="tag-combo-chips" aria-label={`${label} applied`}>
          {value.map((tagId) => {
            const tag = byId.get(tagId);
            if (!tag) return null;
            return (
              <li key={tagId} className="tag-combo-chip" style={{ borderColor: tag.color }}>
                <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
                <span className="tag-combo-chip-name">{tag.name}</span>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove tag ${tag.name}`}
                  onClick={() => {
                    emit(latest.current.filter((v) => v !== tagId));
                    input.current?.focus();
                  }}
                >
                  <Icon name="close" size={12} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="tag-combo-field">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label={label}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          autoComplete="off"
          spellCheck={false}
          value={text}
          placeholder="Add a tag…"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(e.target.value.trim() ? 0 : -1);
            setError('');
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={`${label} suggestions`} className="tag-combo-options" hidden={!expanded}>
          {options.map((o, i) => (
            <li
              key={o.kind === 'tag' ? o.id : 'create'}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Keep focus in the input, so the combobox stays open and typed keys keep working.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => void choose(o)}
            >
              {o.kind === 'tag' ? (
                <>
                  <span className="tag-swatch" style={{ background: o.color }} aria-hidden="true" />
                  {o.name}
                </>
              ) : (
                <>Create tag “{o.name}”</>
              )}
            </li>
          ))}
        </ul>
      </div>
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** `sameTagName`, but false instead of throwing while the user is halfway through typing a bad name. */
function safeSame(a: string, b: string): boolean {
  try {
    return sameTagName(a, b);
  } catch {
    return false;
  }
}
