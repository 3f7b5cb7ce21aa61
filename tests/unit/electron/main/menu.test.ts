import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../../../shared/ipc/contract';
import { buildMenuTemplate } from '../../../../electron/main/menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((item) => item.label === label);
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((item) => item.role).filter(Boolean);
const topLabels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help with mnemonics on Windows and Linux', () => {
    expect(topLabels(buildMenuTemplate(() => undefined, 'win32', { isPackaged: true }))).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it.each([
    ['New case', 'CmdOrCtrl+N', 'new-case'],
    ['Import source…', 'CmdOrCtrl+O', 'import-source'],
    ['Export brief…', 'CmdOrCtrl+E', 'export-brief'],
    ['Find…', 'CmdOrCtrl+F', 'find'],
    ['Command palette…', 'CmdOrCtrl+Shift+P', 'command-palette'],
    ['Import case…', undefined, 'import-case'],
    ['Export case…', undefined, 'export-case'],
    ['Restore from backup…', undefined, 'restore-backup'],
  ] as const)('%s has %s and sends %s to the renderer', (label, accelerator, command) => {
    const send = vi.fn<(command: MenuCommand) => void>();
    const item = byLabel(buildMenuTemplate(send, 'linux', { isPackaged: true }), label);
    expect(item?.accelerator).toBe(accelerator);
    (item?.click as () => void)();
    expect(send).toHaveBeenCalledWith(command);
  });

  it('offers every menu command of the contract', () => {
    const sent: MenuCommand[] = [];
    for (const item of items(buildMenuTemplate((command) => sent.push(command), 'linux', { isPackaged: false }))) {
      if (!item.role && typeof item.click === 'function') (item.click as () => void)();
    }
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('uses the standard editing, zoom and window roles', () => {
    expect(roles(buildMenuTemplate(() => undefined, 'linux', { isPackaged: true }))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit', 'about']),
    );
  });

  it('shows reload and developer tools only in unpackaged builds', () => {
    const packaged = roles(buildMenuTemplate(() => undefined, 'linux', { isPackaged: true }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(() => undefined, 'linux', { isPackaged: false }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('adds the macOS app menu and closes windows from File on macOS', () => {
    const template = buildMenuTemplate(() => undefined, 'darwin', { isPackaged: true });
    expect(topLabels(template)).toEqual(['Casefile', 'File', 'Edit', 'View', 'Help']);
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.role).filter(Boolean)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    const fileMenu = template[1]?.submenu as MenuItemConstructorOptions[];
    expect(fileMenu.at(-1)?.role).toBe('close');
  });

  it('ends File with Quit and has About Casefile in Help elsewhere', () => {
    const template = buildMenuTemplate(() => undefined, 'win32', { isPackaged: true });
    expect((template[0]?.submenu as MenuItemConstructorOptions[]).at(-1)?.role).toBe('quit');
    expect((template.at(-1)?.submenu as MenuItemConstructorOptions[])[0]).toMatchObject({ role: 'about', label: 'About Casefile' });
  });
});
