import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CaseRecord } from '../../../shared/domain/types';
import { useCases } from '../../db/hooks';
import { createCase, deleteCase, renameCase, restoreCase } from '../../db/repositories';
import { useNotices } from '../../lib/notices';
import { Icon } from '../../lib/icons';

export interface CaseListProps {
  activeCaseId: string | null;
  onSelect(caseId: string | null): void;
  /** Called before the active case changes, so pending edits are saved first. */
  beforeLeave(): Promise<void>;
}

/** The "Cases" navigation: select, create, rename (F2 or the button) and delete with undo. */
export function CaseList({ activeCaseId, onSelect, beforeLeave }: CaseListProps) {
  const cases = useCases();
  const notices = useNotices();
  const [renaming, setRenaming] = useState<string | null>(null);

  const select = async (id: string) => {
    if (id === activeCaseId) return;
    await beforeLeave();
    onSelect(id);
  };

  const create = async () => {
    await beforeLeave();
    const record = await createCase(nextCaseName(cases ?? []));
    onSelect(record.id);
    setRenaming(record.id);
  };

  const remove = async (record: CaseRecord) => {
    await beforeLeave();
    const snapshot = await deleteCase(record.id);
    if (record.id === activeCaseId) {
      const next = (cases ?? []).find((c) => c.id !== record.id);
      onSelect(next?.id ?? null);
    }
    notices.toast(`Deleted case “${record.name}”.`, {
      label: 'Undo',
      run: async () => {
        await restoreCase(snapshot);
        onSelect(record.id);
      },
    });
  };

  return (
    <nav className="case-list" aria-labelledby="cases-heading">
      <div className="sidebar-heading">
        <h2 id="cases-heading">Cases</h2>
        <button type="button" className="small" onClick={() => void create()}>
          New case
        </button>
      </div>
      {cases === undefined ? (
        <p className="muted">Loading…</p>
      ) : cases.length === 0 ? (
        <p className="muted">No cases yet. Create one to start.</p>
      ) : (
        <ul>
          {cases.map((record) => (
            <li key={record.id} className={record.id === activeCaseId ? 'item active' : 'item'}>
              {renaming === record.id ? (
                <RenameField
                  initial={record.name}
                  label={`Name of case “${record.name}”`}
                  onDone={async (name) => {
                    setRenaming(null);
                    if (name === null || name === record.name) return;
                    try {
                      await renameCase(record.id, name);
                    } catch (error) {
                      notices.error((error as Error).message);
                    }
                  }}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className="item-main"
                    aria-current={record.id === activeCaseId ? 'page' : undefined}
                    onClick={() => void select(record.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'F2') setRenaming(record.id);
                    }}
                  >
                    {record.name}
                  </button>
                  <span className="item-actions">
                    <button type="button" className="icon" aria-label={`Rename case “${record.name}”`} title="Rename (F2)" onClick={() => setRenaming(record.id)}>
                      <Icon name="pencil" />
                    </button>
                    <button type="button" className="icon" aria-label={`Delete case “${record.name}”`} title="Delete" onClick={() => void remove(record)}>
                      <Icon name="trash" />
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function nextCaseName(cases: CaseRecord[]): string {
  const names = new Set(cases.map((c) => c.name));
  if (!names.has('Untitled case')) return 'Untitled case';
  let n = 2;
  while (names.has(`Untitled case ${n}`)) n++;
  return `Untitled case ${n}`;
}

/** An inline text field: Enter saves, Escape cancels, blur saves. `null` means cancelled. */
export function RenameField({ initial, label, onDone }: { initial: string; label: string; onDone(name: string | null): void }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (name: string | null) => {
    if (finished.current) return;
    if (name !== null && !name.trim()) {
      setError('A name cannot be empty.');
      return;
    }
    finished.current = true;
    onDone(name === null ? null : name.trim());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    finish(value);
  };
  return (
    <form className="rename-form" onSubmit={submit}>
      <input
        ref={input}
        aria-label={label}
        value={value}
        maxLength={200}
        onChange={(e) => (setValue(e.target.value), setError(''))}
        onBlur={() => finish(value.trim() ? value : null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            finish(null);
          }
        }}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
