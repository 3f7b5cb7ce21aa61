import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuEntry {
  id: string;
  label: string;
  /** Shown greyed out, and announced as unavailable; it stays reachable so it can be read. */
  disabled?: boolean;
  /** A shortcut to show beside the label ("Ctrl+E"). */
  shortcut?: string;
  /** For aria-keyshortcuts ("Control+E"). */
  ariaShortcut?: string;
  /** Items are grouped by this number, with a separator between groups. */
  group: number;
  onSelect(): void;
}

/**
 * A menu button (WAI-ARIA APG "menu button" pattern): Enter, Space or ↓ open the menu on its first item,
 * ↑ on its last; in the menu ↑/↓ move (wrapping), Home/End jump, a letter moves to the next item that
 * starts with it, Enter/Space choose, Escape closes and gives focus back, Tab closes and moves on.
 */
export function MenuButton({ label, entries, className, children }: { label: string; entries: readonly MenuEntry[]; className?: string; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  const show = (at: number) => {
    setActive(at);
    setOpen(true);
  };
  const close = (restoreFocus: boolean) => {
    setOpen(false);
    if (restoreFocus) button.current?.focus();
  };

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [open, active]);

  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [open]);

  const choose = (entry: MenuEntry | undefined) => {
    if (!entry || entry.disabled) return;
    close(true);
    entry.onSelect();
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      show(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      show(entries.length - 1);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const count = entries.length;
    const moves: Record<string, number> = { ArrowDown: (active + 1) % count, ArrowUp: (active - 1 + count) % count, Home: 0, End: count - 1 };
    if (e.key in moves) {
      e.preventDefault();
      setActive(moves[e.key]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(entries[active]);
    } else if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const letter = e.key.toLocaleLowerCase();
      for (let step = 1; step <= count; step++) {
        const at = (active + step) % count;
        if (entries[at]?.label.toLocaleLowerCase().startsWith(letter)) {
          setActive(at);
          break;
        }
      }
    }
  };

  return (
    <div className="menu-wrapper" ref={wrapper}>
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        className={className}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={onButtonKey}
      >
        {children ?? label}
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} className="menu" role="menu" aria-labelledby={`${id}-button`} onKeyDown={onMenuKey}>
          {entries.map((entry, index) => (
            <MenuRow key={entry.id} entry={entry} index={index} separated={index > 0 && entries[index - 1]!.group !== entry.group} onChoose={choose} onHover={setActive} />
          ))}
        </div>
      )}
    </div>
  );
}

function MenuRow({ entry, index, separated, onChoose, onHover }: { entry: MenuEntry; index: number; separated: boolean; onChoose(entry: MenuEntry): void; onHover(index: number): void }) {
  return (
    <>
      {separated && <div role="separator" className="menu-separator" />}
      <div
        role="menuitem"
        tabIndex={-1}
        data-index={index}
        className="menu-item"
        aria-disabled={entry.disabled || undefined}
        aria-keyshortcuts={entry.ariaShortcut}
        onClick={() => onChoose(entry)}
        onMouseMove={() => onHover(index)}
      >
        <span className="menu-label">{entry.label}</span>
        {entry.shortcut && (
          <kbd className="menu-shortcut" aria-hidden="true">
            {entry.shortcut}
          </kbd>
        )}
      </div>
    </>
  );
}
