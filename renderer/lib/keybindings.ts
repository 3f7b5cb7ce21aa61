/**
 * Keyboard shortcuts written in Electron's accelerator syntax ("CmdOrCtrl+Shift+K"), the syntax of the
 * desktop menu (shared/ipc/menu.ts), so one string is both the menu's accelerator and the renderer's
 * shortcut: parsed, matched against keydown events, and shown ("Ctrl+K", "⌘K") or announced
 * (aria-keyshortcuts "Control+K").
 */

export interface Chord {
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod: boolean;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  /** `KeyboardEvent.key`, lower-cased for letters. */
  key: string;
  /** Matches whatever Shift is (for "Plus", which needs Shift on some keyboards and not on others). */
  anyShift: boolean;
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const NAMED_KEYS: Record<string, string> = { plus: '+', space: ' ', esc: 'Escape', escape: 'Escape', enter: 'Enter', tab: 'Tab', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' };

export function parseAccelerator(accelerator: string): Chord {
  // "CmdOrCtrl+Plus" and "CmdOrCtrl+-": split on "+" between parts, never the last character.
  const parts = accelerator.split(/\+(?!$)/);
  const chord: Chord = { mod: false, ctrl: false, shift: false, alt: false, key: '', anyShift: false };
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (lower === 'cmdorctrl' || lower === 'commandorcontrol') chord.mod = true;
    else if (lower === 'ctrl' || lower === 'control') chord.ctrl = true;
    else if (lower === 'cmd' || lower === 'command' || lower === 'super' || lower === 'meta') chord.mod = IS_MAC ? true : chord.mod;
    else if (lower === 'shift') chord.shift = true;
    else if (lower === 'alt' || lower === 'option') chord.alt = true;
    else {
      chord.key = NAMED_KEYS[lower] ?? (part.length === 1 ? part.toLowerCase() : part);
      if (lower === 'plus') chord.anyShift = true;
    }
  }
  if (!chord.key) throw new Error(`The shortcut “${accelerator}” names no key.`);
  return chord;
}

export function matches(chord: Chord, event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac = IS_MAC): boolean {
  const wantCtrl = chord.ctrl || (chord.mod && !mac);
  const wantMeta = chord.mod && mac;
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== chord.alt) return false;
  if (!chord.anyShift && event.shiftKey !== chord.shift) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return key === chord.key;
}

function keyLabel(key: string): string {
  if (key === ' ') return 'Space';
  return key.length === 1 ? key.toUpperCase() : key;
}

/** How a shortcut is shown next to a command: "Ctrl+Shift+K", or "⇧⌘K" on macOS. */
export function formatAccelerator(accelerator: string, mac = IS_MAC): string {
  const chord = parseAccelerator(accelerator);
  if (mac) return `${chord.ctrl ? '⌃' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${keyLabel(chord.key)}`;
  return [chord.ctrl || chord.mod ? 'Ctrl' : '', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', keyLabel(chord.key)].filter(Boolean).join('+');
}

/** The same shortcut for `aria-keyshortcuts` ("Control+K", "Meta+K"). */
export function ariaKeyShortcut(accelerator: string, mac = IS_MAC): string {
  const chord = parseAccelerator(accelerator);
  const key = chord.key === '+' ? 'Plus' : chord.key === ' ' ? 'Space' : keyLabel(chord.key);
  return [chord.ctrl || (chord.mod && !mac) ? 'Control' : '', chord.mod && mac ? 'Meta' : '', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}
