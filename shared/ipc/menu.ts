/**
 * The desktop menu as a pure description: which commands it offers, in which menu, with which
 * accelerator. Electron main builds its native menu from it (electron/main/menu.ts, with labels from the
 * shared message catalogue), and the renderer's command registry takes the same accelerators as the
 * keyboard shortcuts of those commands (renderer/app/commandService.ts), so a shortcut is written once.
 * Main cannot import the renderer, so this file is the meeting point; renderer/app/contributions.ts has a
 * type-level check that every command here is registered by some feature.
 *
 * Zod-free on purpose: the preload imports it.
 */

/** Accelerators in Electron's syntax ("CmdOrCtrl+Shift+K"); the renderer parses the same strings. */
export const MENU_COMMAND_SPECS = {
  'new-case': { accelerator: 'CmdOrCtrl+N' },
  'import-source': { accelerator: 'CmdOrCtrl+O' },
  'import-url': {},
  'update-source': {},
  'edit-source': {},
  'import-case': {},
  'export-case': {},
  'restore-backup': {},
  'import-annotations': {},
  'export-annotations': {},
  'export-brief': { accelerator: 'CmdOrCtrl+E' },
  settings: { accelerator: 'CmdOrCtrl+,' },
  find: { accelerator: 'CmdOrCtrl+F' },
  'command-palette': { accelerator: 'CmdOrCtrl+K' },
  'toggle-theme': {},
  'zoom-in': { accelerator: 'CmdOrCtrl+=' },
  'zoom-out': { accelerator: 'CmdOrCtrl+-' },
  'zoom-reset': { accelerator: 'CmdOrCtrl+0' },
} as const satisfies Record<string, { accelerator?: string }>;

export type MenuCommand = keyof typeof MENU_COMMAND_SPECS;

/** Menu and shell events sent from the host to the renderer. */
export const MENU_COMMANDS = Object.keys(MENU_COMMAND_SPECS) as MenuCommand[];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && Object.hasOwn(MENU_COMMAND_SPECS, value);
}

/** The accelerator a menu command has in the desktop menu, if any. */
export function menuAccelerator(command: MenuCommand): string | undefined {
  const spec: { accelerator?: string } = MENU_COMMAND_SPECS[command];
  return spec.accelerator;
}

/** Electron roles the menu uses; their labels come from the catalogue too (`menu.role.*`). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'togglefullscreen';

export type DesktopMenuItem =
  | { command: MenuCommand }
  | { role: MenuRole }
  | { separator: true }
  /** Where main puts the platform's own items: Settings and Quit (File on Windows/Linux, the app menu on macOS), reload and devtools in unpackaged builds. */
  | { slot: 'settings' | 'quit' | 'developer' };

export type DesktopMenuId = 'file' | 'edit' | 'view' | 'help';

/** File, Edit, View, Help, top to bottom. Case and source actions are grouped in File, as in the app's Case menu. */
export const DESKTOP_MENUS: readonly { id: DesktopMenuId; items: readonly DesktopMenuItem[] }[] = [
  {
    id: 'file',
    items: [
      { command: 'new-case' },
      { separator: true },
      { command: 'import-source' },
      { command: 'import-url' },
      { command: 'update-source' },
      { command: 'edit-source' },
      { separator: true },
      { command: 'import-case' },
      { command: 'export-case' },
      { command: 'restore-backup' },
      { separator: true },
      { command: 'import-annotations' },
      { command: 'export-annotations' },
      { separator: true },
      { command: 'export-brief' },
      { slot: 'settings' },
      { slot: 'quit' },
    ],
  },
  {
    id: 'edit',
    items: [
      { role: 'undo' },
      { role: 'redo' },
      { separator: true },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { separator: true },
      { command: 'find' },
    ],
  },
  {
    id: 'view',
    items: [
      { command: 'command-palette' },
      { separator: true },
      { command: 'toggle-theme' },
      { command: 'zoom-in' },
      { command: 'zoom-out' },
      { command: 'zoom-reset' },
      { separator: true },
      { slot: 'developer' },
      { role: 'togglefullscreen' },
    ],
  },
  { id: 'help', items: [{ role: 'about' }] },
];
