/**
 * The running command registry, as features see it: the list of registered commands (for the palette
 * and menus), whether each is available, its shortcut, and one way to run any of them. The app builds it
 * from the contributions (renderer/app/commandService.ts) and provides it here, below the features.
 */
import { createContext, useContext } from 'react';
import type { CommandArgs, CommandContribution, ContextKeys, WorkspaceApi } from './contributions';

export interface CommandView {
  command: CommandContribution;
  /** Visible and enabled in `keys`. */
  enabled: boolean;
  /** The main shortcut, in accelerator syntax, if any. */
  accelerator: string | undefined;
}

export interface CommandService {
  /** Every command visible in `keys` (hidden ones, e.g. desktop-only, left out), in registration order. */
  list(keys: ContextKeys): CommandView[];
  /**
   * Run a command by id. A command that is not enabled says why instead (an error notice); a command
   * that throws reports its message. Never rejects.
   */
  run(id: string, args?: CommandArgs): Promise<void>;
}

export const CommandServiceContext = createContext<CommandService | null>(null);

export function useCommandService(): CommandService {
  const service = useContext(CommandServiceContext);
  if (!service) throw new Error('useCommandService must be used inside the workspace’s CommandServiceContext');
  return service;
}

export const WorkspaceContext = createContext<WorkspaceApi | null>(null);

/** The shell's actions (open a case, show a pane), for features' components. */
export function useWorkspace(): WorkspaceApi {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace must be used inside the workspace’s WorkspaceContext');
  return workspace;
}
