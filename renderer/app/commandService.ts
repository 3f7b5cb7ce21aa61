/**
 * The running registry: commands from every contribution, their shortcuts (the desktop menu's
 * accelerators from shared/ipc/menu.ts, plus each command's own), enablement, and one `run` used by the
 * palette, the app's menus, buttons, the keyboard and the desktop menu alike.
 */
import { isMenuCommand, menuAccelerator } from '../../shared/ipc/menu';
import { failureText, t } from '../i18n';
import type { CommandService, CommandView } from '../lib/commands';
import { contextKeys, firstUnmet } from '../lib/contextKeys';
import type { CommandArgs, CommandContribution, Contribution, ContextKeys, WorkspaceApi } from '../lib/contributions';
import { matches, parseAccelerator, type Chord } from '../lib/keybindings';
import type { NoticesApi } from '../lib/notices';

export interface Keybinding {
  accelerator: string;
  chord: Chord;
  commandId: string;
}

export interface RunningRegistry extends CommandService {
  /** Every keyboard shortcut the renderer itself handles. */
  readonly keybindings: readonly Keybinding[];
  /** Run the command bound to this key, if any; true when one was. */
  handleKey(event: KeyboardEvent): boolean;
}

export interface RegistryOptions {
  /**
   * The desktop app's menu owns its accelerators (Electron runs them before the page sees the key), so
   * there the renderer binds only the further shortcuts; in the browser it binds them all.
   */
  shell: 'electron' | 'web';
  notices(): NoticesApi;
  workspace(): WorkspaceApi;
}

/** All commands, checked for duplicate ids. */
export function collectCommands(contributions: readonly Contribution[]): CommandContribution[] {
  const seen = new Map<string, string>();
  const all: CommandContribution[] = [];
  for (const contribution of contributions) {
    for (const command of contribution.commands ?? []) {
      const other = seen.get(command.id);
      if (other) throw new Error(`The command “${command.id}” is registered twice (by ${other} and by ${contribution.id}).`);
      seen.set(command.id, contribution.id);
      all.push(command);
    }
  }
  return all;
}

/** The main shortcut of a command: the desktop menu's accelerator, else its first own. */
export function acceleratorOf(command: CommandContribution): string | undefined {
  return (isMenuCommand(command.id) ? menuAccelerator(command.id) : undefined) ?? command.keybindings?.[0];
}

export function createRegistry(contributions: readonly Contribution[], options: RegistryOptions): RunningRegistry {
  const commands = collectCommands(contributions);
  const byId = new Map(commands.map((command) => [command.id, command]));
  const running = new Set<string>();

  const keybindings: Keybinding[] = [];
  for (const command of commands) {
    const menu = isMenuCommand(command.id) ? menuAccelerator(command.id) : undefined;
    const accelerators = [...(menu && options.shell === 'web' ? [menu] : []), ...(command.keybindings ?? [])];
    for (const accelerator of accelerators) keybindings.push({ accelerator, chord: parseAccelerator(accelerator), commandId: command.id });
  }

  const visible = (command: CommandContribution, keys: ContextKeys) => firstUnmet(command.visibleWhen, keys) === null;

  const list = (keys: ContextKeys): CommandView[] =>
    commands.filter((command) => visible(command, keys)).map((command) => ({ command, enabled: firstUnmet(command.when, keys) === null, accelerator: acceleratorOf(command) }));

  const run = async (id: string, args?: CommandArgs): Promise<void> => {
    const notices = options.notices();
    const command = byId.get(id);
    if (!command) {
      notices.error(t('commands.unknown', { id }));
      return;
    }
    const keys = contextKeys();
    const unmet = firstUnmet(command.visibleWhen, keys) ?? firstUnmet(command.when, keys);
    if (unmet) {
      notices.error(t('commands.unavailable', { command: t(command.title), reason: t(`commands.condition.${unmet}`) }));
      return;
    }
    // A second press while the first is still at work (a file dialog, an export) does nothing.
    if (running.has(id)) return;
    running.add(id);
    try {
      await command.run({ keys, notices, workspace: options.workspace() }, args);
    } catch (error) {
      notices.error(error instanceof Error && error.message ? failureText(error) : t('commands.failed', { command: t(command.title), reason: String(error) }));
    } finally {
      running.delete(id);
    }
  };

  const handleKey = (event: KeyboardEvent): boolean => {
    if (event.isComposing || event.repeat) return false;
    const hit = keybindings.find((binding) => matches(binding.chord, event));
    if (!hit) return false;
    event.preventDefault();
    event.stopPropagation();
    void run(hit.commandId);
    return true;
  };

  return { list, run, keybindings, handleKey };
}
