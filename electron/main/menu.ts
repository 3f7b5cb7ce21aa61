/**
 * The native application menu, built from the shared description (shared/ipc/menu.ts) with labels from the
 * shared message catalogue, in the UI's language. App commands are not performed here: they are sent to the
 * renderer as `MenuCommand`s, where the command registry runs them, so the menu, the keyboard, the palette
 * and the app's own Case menu all run the same code. Editing and window actions use Electron's roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { createTranslator, DEFAULT_LOCALE, type Locale } from '../../shared/i18n';
import { DESKTOP_MENUS, menuAccelerator, type DesktopMenuItem, type MenuCommand, type MenuRole } from '../../shared/ipc/menu';

export interface MenuOptions {
  /** Developer items (reload, devtools) appear only in unpackaged builds. */
  isPackaged: boolean;
  /** The language of the labels; English when left out. */
  locale?: Locale;
}

/**
 * Build the menu template for `platform`. On macOS the first menu is the app menu (About, Settings, Hide,
 * Quit) and File ends with Close; elsewhere File ends with Settings and Quit, and Help has About.
 */
export function buildMenuTemplate(send: (command: MenuCommand) => void, platform: NodeJS.Platform, options: MenuOptions): MenuItemConstructorOptions[] {
  const t = createTranslator(options.locale ?? DEFAULT_LOCALE);
  const isMac = platform === 'darwin';
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS menus have no mnemonics.
  const title = (label: string): string => (isMac ? label : `&${label}`);
  const command = (id: MenuCommand): MenuItemConstructorOptions => {
    const accelerator = menuAccelerator(id);
    return { label: t(`menu.command.${id}`), ...(accelerator ? { accelerator } : {}), click: () => send(id) };
  };
  const role = (name: MenuRole): MenuItemConstructorOptions => ({ role: name, label: t(`menu.role.${name}`) });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const expand = (item: DesktopMenuItem): MenuItemConstructorOptions[] => {
    if ('command' in item) return [command(item.command)];
    if ('role' in item) return [role(item.role)];
    if ('separator' in item) return [separator];
    switch (item.slot) {
      case 'settings':
        return isMac ? [] : [separator, command('settings')];
      case 'quit':
        return [separator, isMac ? role('close') : { role: 'quit', label: t('menu.role.exit') }];
      case 'developer':
        return options.isPackaged ? [] : [role('reload'), role('toggleDevTools'), separator];
    }
  };

  const appMenu: MenuItemConstructorOptions = {
    label: 'Casefile',
    submenu: [role('about'), separator, command('settings'), separator, role('services'), separator, role('hide'), role('hideOthers'), role('unhide'), separator, role('quit')],
  };

  const menus = DESKTOP_MENUS.map(
    (menu): MenuItemConstructorOptions => ({
      ...(menu.id === 'help' ? { role: 'help' as const } : {}),
      label: title(t(`menu.${menu.id}`)),
      submenu: menu.items.flatMap(expand),
    }),
  );
  return [...(isMac ? [appMenu] : []), ...menus];
}
