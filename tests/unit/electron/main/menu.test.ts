import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CATALOGUES, LOCALES } from '../../../../shared/i18n';
import { DESKTOP_MENUS, MENU_COMMANDS, menuAccelerator, type MenuCommand } from '../../../../shared/ipc/menu';
import { buildMenuTemplate } from '../../../../electron/main/menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((item) => item.label === label);
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((item) => item.role).filter(Boolean);
const topLabels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label);
/** Click every item of the Linux menu; the commands it sent. */
const clickAll = () => {
  const sent: MenuCommand[] = [];
  for (const item of items(buildMenuTemplate((command) => sent.push(command), 'linux', { isPackaged: false }))) {
    if (!item.role && typeof item.click === 'function') (item.click as () => void)();
  }
  return sent;
};

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help with mnemonics on Windows and Linux', () => {
    expect(topLabels(buildMenuTemplate(() => undefined, 'win32', { isPackaged: true }))).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it.each([
    ['New case', 'CmdOrCtrl+N', 'new-case'],
    ['Import source…', 'CmdOrCtrl+O', 'import-source'],
    ['Import from URL…', undefined, 'import-url'],
    ['Update source…', undefined, 'update-source'],
    ['Edit source details…', undefined, 'edit-source'],
    ['Export brief…', 'CmdOrCtrl+E', 'export-brief'],
    ['Find in source…', 'CmdOrCtrl+F', 'find'],
    ['Command palette…', 'CmdOrCtrl+K', 'command-palette'],
    ['Import case…', undefined, 'import-case'],
    ['Export case…', undefined, 'export-case'],
    ['Restore from backup…', undefined, 'restore-backup'],
    ['Import annotations…', undefined, 'import-annotations'],
    ['Export annotations…', undefined, 'export-annotations'],
    ['Settings…', 'CmdOrCtrl+,', 'settings'],
    ['Toggle dark mode', undefined, 'toggle-theme'],
    ['Zoom in', 'CmdOrCtrl+=', 'zoom-in'],
    ['Zoom out', 'CmdOrCtrl+-', 'zoom-out'],
    ['Actual size', 'CmdOrCtrl+0', 'zoom-reset'],
  ] as const)('%s has %s and sends %s to the renderer', (label, accelerator, command) => {
    const send = vi.fn<(command: MenuCommand) => void>();
    const item = byLabel(buildMenuTemplate(send, 'linux', { isPackaged: true }), label);
    expect(item?.accelerator).toBe(accelerator);
    expect(menuAccelerator(command)).toBe(accelerator);
    (item?.click as () => void)();
    expect(send).toHaveBeenCalledWith(command);
  });

  it('offers every menu command exactly once, the command palette with the shortcut that opens it', () => {
    expect([...clickAll()].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(byLabel(buildMenuTemplate(() => undefined, 'linux', { isPackaged: true }), 'Command palette…')?.accelerator).toBe('CmdOrCtrl+K');
  });

  it('offers Settings once on every platform: in File elsewhere, in the app menu on macOS', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const sent: MenuCommand[] = [];
      for (const item of items(buildMenuTemplate((c) => sent.push(c), platform, { isPackaged: true }))) if (typeof item.click === 'function') (item.click as () => void)();
      expect(sent.filter((c) => c === 'settings'), platform).toHaveLength(1);
    }
  });

  it('uses the standard editing and window roles, and zooms through the app (remembered), not Electron', () => {
    const used = roles(buildMenuTemplate(() => undefined, 'linux', { isPackaged: true }));
    expect(used).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'quit', 'about']));
    expect(used).not.toContain('zoomIn');
    expect(used).not.toContain('resetZoom');
  });

  it('shows reload and developer tools only in unpackaged builds', () => {
    const packaged = roles(buildMenuTemplate(() => undefined, 'linux', { isPackaged: true }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(() => undefined, 'linux', { isPackaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
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

  it('speaks Spanish from the same catalogue as the UI, every item labelled', () => {
    const template = buildMenuTemplate(() => undefined, 'win32', { isPackaged: false, locale: 'es' });
    expect(topLabels(template)).toEqual(['&Archivo', '&Edición', '&Ver', '&Ayuda']);
    expect(byLabel(template, 'Exportar caso…')).toBeDefined();
    expect(byLabel(template, 'Deshacer')?.role).toBe('undo');
    for (const locale of LOCALES) {
      for (const item of items(buildMenuTemplate(() => undefined, 'darwin', { isPackaged: false, locale }))) {
        if (item.type === 'separator') continue;
        expect(item.label, JSON.stringify(item)).toMatch(/\S/);
        expect(item.label).not.toMatch(/^menu\./);
      }
    }
    expect(Object.keys(CATALOGUES.es.menu.command).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('lists each menu once in the shared description', () => {
    expect(DESKTOP_MENUS.map((m) => m.id)).toEqual(['file', 'edit', 'view', 'help']);
  });
});
