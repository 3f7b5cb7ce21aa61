import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { failureText, useTranslation } from '../../i18n';
import { normaliseTagName, sameTagName } from '../../../shared/claims/tags';
import { useTags } from '../../db/hooks';
import { ensureTags } from '../../db/repositories/tags';
import { Icon } from '../../lib/icons';
import { useCaseReadOnly } from '../../lib/readOnly';

export interface TagInputProps {
  caseId: string;
  /** Tag ids. */
  value: string[];
  /** The new tag IDs, and the name of the tag just added or removed (for announcing it). */
  onChange(ids: string[], change: { added?: string; removed?: string }): void;
  label?: string;
}

type Option = { kind: 'tag'; id: string; name: string; color: string } | { kind: 'create'; name: string };

/** An ARIA 1.2 combobox over the case's codebook, with inline creation of new tags. */
export function TagInput({ caseId, value, onChange, label: givenLabel }: TagInputProps) {
  const { t } = useTranslation();
  const label = givenLabel ?? t('tags.label');
  const { readOnly, reason } = useCaseReadOnly();
  const tags = useTags(caseId);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const byId = useMemo(() => new Map((tags ?? []).map((tag) => [tag.id, tag])), [tags]);

  const options = useMemo<Option[]>(() => {
    const query = text.trim().toLowerCase();
    const list: Option[] = (tags ?? [])
      .filter((tag) => !value.includes(tag.id) && (!query || tag.name.toLowerCase().includes(query)))
      .slice(0, 8)
      .map((tag) => ({ kind: 'tag', id: tag.id, name: tag.name, color: tag.color }));
    if (query && !(tags ?? []).some((tag) => sameTagName(tag.name, text.trim()))) list.push({ kind: 'create', name: text.trim() });
    return list;
  }, [tags, text, value]);

  const choose = async (option: Option | undefined) => {
    if (!option) return;
    try {
      const tag = option.kind === 'tag' ? option : (await ensureTags(caseId, [normaliseTagName(option.name)]))[0]!;
      if (!value.includes(tag.id)) onChange([...value, tag.id], { added: tag.name });
      setText('');
      setError('');
      setActive(0);
    } catch (e) {
      setError(failureText(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (!text.trim() && !open) return;
      e.preventDefault();
      void choose(options[active] ?? options[0]);
    } else if (e.key === 'Escape' && open && options.length > 0) {
      // Only a visible list is closed by Escape; otherwise Escape belongs to what holds the field (a card, a dialog).
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && !text && value.length) {
      onChange(value.slice(0, -1), { removed: byId.get(value.at(-1)!)?.name });
    }
  };

  const listId = `${id}-list`;
  const expanded = open && options.length > 0;
  return (
    <div className="tag-input">
      <ul className="tag-chips" aria-label={t('tags.applied', { label })}>
        {value.map((tagId) => {
          const tag = byId.get(tagId);
          if (!tag) return null;
          return (
            <li key={tagId} className="tag-chip" style={{ borderColor: tag.color }}>
              <span className="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
              {tag.name}
              <button type="button" className="icon" aria-label={t('tags.remove', { name: tag.name })} disabled={readOnly} title={reason} onClick={() => onChange(value.filter((v) => v !== tagId), { removed: tag.name })}>
                <Icon name="close" size={12} />
              </button>
            </li>
          );
        })}
      </ul>
      <input
        ref={input}
        role="combobox"
        aria-label={label}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? `${id}-opt-${active}` : undefined}
        value={text}
        disabled={readOnly}
        title={reason}
        placeholder={readOnly ? undefined : t('tags.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          setError('');
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('tags.suggestions', { label })} className="tag-options" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={o.kind === 'tag' ? o.id : `create-${o.name}`}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void choose(o)}
          >
            {o.kind === 'tag' ? (
              <>
                <span className="tag-dot" style={{ background: o.color }} aria-hidden="true" />
                {o.name}
              </>
            ) : (
              <>{t('tags.create', { name: o.name })}</>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
