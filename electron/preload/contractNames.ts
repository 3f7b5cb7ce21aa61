/**
 * The contract's names without its schemas. `shared/ipc/contract` builds zod schemas at
 * module load, and importing any value from it would inline all of zod (about 750 KB)
 * into a preload that validates nothing. These copies import only *types* from the
 * contract, and the compiler checks them against it both ways: a channel or menu command
 * added to the contract and missing here (or misspelled here) fails to type-check.
 */
import type {
  Channel,
  MENU_EVENT_CHANNEL as ContractMenuEventChannel,
  MenuCommand,
  OPEN_FILE_EVENT_CHANNEL as ContractOpenFileEventChannel,
} from '../../shared/ipc/contract';

const CHANNEL_TABLE: { readonly [C in Channel]: true } = {
  'cf:app:info': true,
  'cf:file:open': true,
  'cf:file:save': true,
  'cf:pdf:render': true,
  'cf:url:fetch': true,
  'cf:shell:openExternal': true,
  'cf:backup:write': true,
  'cf:backup:list': true,
  'cf:backup:read': true,
};

const MENU_COMMAND_TABLE: { readonly [M in MenuCommand]: true } = {
  'new-case': true,
  'import-source': true,
  'export-brief': true,
  find: true,
  'command-palette': true,
  'import-case': true,
  'export-case': true,
  'restore-backup': true,
};

export const PRELOAD_CHANNELS = Object.keys(CHANNEL_TABLE) as Channel[];
export const PRELOAD_MENU_COMMANDS = Object.keys(MENU_COMMAND_TABLE) as MenuCommand[];
export const MENU_EVENT_CHANNEL: typeof ContractMenuEventChannel = 'cf:event:menu';
export const OPEN_FILE_EVENT_CHANNEL: typeof ContractOpenFileEventChannel = 'cf:event:open-file';

/** Same answer as the contract's `isChannel`, without loading the schemas. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNEL_TABLE, name);
}

/** Whether a host event payload is one of the contract's menu commands. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && Object.hasOwn(MENU_COMMAND_TABLE, value);
}
