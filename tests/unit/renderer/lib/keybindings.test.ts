import { describe, expect, it } from 'vitest';
import { ariaKeyShortcut, formatAccelerator, matches, parseAccelerator } from '../../../../renderer/lib/keybindings';
import { MENU_COMMANDS, menuAccelerator } from '../../../../shared/ipc/menu';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keybindings', () => {
  it('matches CmdOrCtrl to Ctrl elsewhere and ⌘ on macOS', () => {
    const chord = parseAccelerator('CmdOrCtrl+K');
    expect(matches(chord, key('k', { ctrlKey: true }), false)).toBe(true);
    expect(matches(chord, key('K', { ctrlKey: true }), false)).toBe(true);
    expect(matches(chord, key('k', { metaKey: true }), false)).toBe(false);
    expect(matches(chord, key('k', { metaKey: true }), true)).toBe(true);
    expect(matches(chord, key('k', { ctrlKey: true }), true)).toBe(false);
    expect(matches(chord, key('k', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matches(chord, key('k'), false)).toBe(false);
  });

  it('reads the symbol keys of the zoom shortcuts, and Plus whatever Shift is', () => {
    expect(matches(parseAccelerator('CmdOrCtrl+='), key('=', { ctrlKey: true }), false)).toBe(true);
    expect(matches(parseAccelerator('CmdOrCtrl+-'), key('-', { ctrlKey: true }), false)).toBe(true);
    expect(matches(parseAccelerator('CmdOrCtrl+0'), key('0', { ctrlKey: true }), false)).toBe(true);
    const plus = parseAccelerator('CmdOrCtrl+Plus');
    expect(matches(plus, key('+', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matches(plus, key('+', { ctrlKey: true }), false)).toBe(true);
    expect(matches(parseAccelerator('CmdOrCtrl+Shift+P'), key('P', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
  });

  it('shows and announces shortcuts the platform’s way', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatAccelerator('CmdOrCtrl+Shift+P', true)).toBe('⇧⌘P');
    expect(formatAccelerator('CmdOrCtrl+,', false)).toBe('Ctrl+,');
    expect(ariaKeyShortcut('CmdOrCtrl+E', false)).toBe('Control+E');
    expect(ariaKeyShortcut('CmdOrCtrl+E', true)).toBe('Meta+E');
    expect(ariaKeyShortcut('CmdOrCtrl+Plus', false)).toBe('Control+Plus');
  });

  it('parses every accelerator of the desktop menu', () => {
    for (const command of MENU_COMMANDS) {
      const accelerator = menuAccelerator(command);
      if (accelerator) expect(parseAccelerator(accelerator).key, accelerator).not.toBe('');
    }
    expect(() => parseAccelerator('CmdOrCtrl+Shift')).toThrow(/names no key/);
  });
});
