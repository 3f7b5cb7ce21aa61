/**
 * The contract's names without its schemas. `shared/ipc/contract` builds zod schemas at
 * module load, and importing any value from it would inline all of zod (about 750 KB)
 * into a preload that validates nothing. The channel table imports only *types* from the
 * contract, and the compiler checks it against it both ways: a channel added to the
 * contract and missing here (or misspelled here) fails to type-check.
 */
import type { Channel, MENU_EVENT_CHANNEL as ContractMenuEventChannel, OPEN_FILE_EVENT_CHANNEL as ContractOpenFileEventChannel } from '../../shared/ipc/contract';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/ipc/menu';

/** The menu commands come from shared/ipc/menu.ts, which has no schemas; a host event is accepted only if it is one of them. */
export { isMenuCommand } from '../../shared/ipc/menu';

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
  'cf:menu:locale': true,
};

export const PRELOAD_CHANNELS = Object.keys(CHANNEL_TABLE) as Channel[];
export const PRELOAD_MENU_COMMANDS: readonly MenuCommand[] = MENU_COMMANDS;
export const MENU_EVENT_CHANNEL: typeof ContractMenuEventChannel = 'cf:event:menu';
export const OPEN_FILE_EVENT_CHANNEL: typeof ContractOpenFileEventChannel = 'cf:event:open-file';

/** Same answer as the contract's `isChannel`, without loading the schemas. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNEL_TABLE, name);
}
