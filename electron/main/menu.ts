/**
 * The application menu as plain data. App commands are not performed here: they are sent
 * to the renderer as `MenuCommand`s, so the menu, the keyboard and the toolbar all run the
 * same code in the UI. Editing and window actions use Electron's built-in roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

export interface MenuOptions {
  /** Developer items (reload, devtools) appear only in unpackaged builds. */
  isPackaged: boolean;
}

/**
 * Build the menu template for `platform`. On macOS the first menu is the app menu (About,
 * Hide, Quit) and File ends with Close; elsewhere File ends with Quit and Help has About.
 */
export function buildMenuTemplate(
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS menus have no mnemonics.
  const title = (label: string): string => (isMac ? label : `&${label}`);
  const command = (label: string, accelerator: string | undefined, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });

  const appMenu: MenuItemConstructorOptions = {
    label: 'Casefile',
    submenu: [
      { role: 'about', label: 'About Casefile' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide', label: 'Hide Casefile' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit', label: 'Quit Casefile' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: title('File'),
    submenu: [
      command('New case', 'CmdOrCtrl+N', 'new-case'),
      command('Import source…', 'CmdOrCtrl+O', 'import-source'),
      command('Export brief…', 'CmdOrCtrl+E', 'export-brief'),
      { type: 'separator' },
      command('Import case…', undefined, 'import-case'),
      command('Export case…', undefined, 'export-case'),
      command('Restore from backup…', undefined, 'restore-backup'),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: title('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      command('Find…', 'CmdOrCtrl+F', 'find'),
    ],
  };

  const developerItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  const viewMenu: MenuItemConstructorOptions = {
    label: title('View'),
    submenu: [
      command('Command palette…', 'CmdOrCtrl+Shift+P', 'command-palette'),
      { type: 'separator' },
      ...developerItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: title('Help'),
    submenu: [{ role: 'about', label: 'About Casefile' }],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, helpMenu];
}
