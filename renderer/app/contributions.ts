/**
 * Every feature's contribution, in one list: the one place the workbench learns what exists. A new
 * feature (a Timeline pane, Share case…) adds its `contribution.ts` to this list and nothing else.
 * Order matters where things are listed: commands appear in the palette and menus in this order.
 */
import type { Contribution } from '../lib/contributions';
import type { MenuCommand } from '../../shared/ipc/menu';
import { briefContribution } from '../features/brief/contribution';
import { casesContribution } from '../features/cases/contribution';
import { claimReviewContribution } from '../features/claimReview/contribution';
import { claimsContribution } from '../features/claims/contribution';
import { entitiesContribution } from '../features/entities/contribution';
import { evidenceMapContribution } from '../features/evidenceMap/contribution';
import { exportContribution } from '../features/export/contribution';
import { findContribution } from '../features/find/contribution';
import { passagesContribution } from '../features/passages/contribution';
import { referencesContribution } from '../features/references/contribution';
import { searchContribution } from '../features/search/contribution';
import { settingsContribution } from '../features/settings/contribution';
import { sourcesContribution } from '../features/sources/contribution';
import { syncContribution } from '../features/sync/contribution';
import { tagsContribution } from '../features/tags/contribution';
import { timelineContribution } from '../features/timeline/contribution';
import { trashContribution } from '../features/trash/contribution';

export const CONTRIBUTIONS = [
  sourcesContribution,
  referencesContribution,
  casesContribution,
  passagesContribution,
  tagsContribution,
  briefContribution,
  claimsContribution,
  timelineContribution,
  entitiesContribution,
  evidenceMapContribution,
  claimReviewContribution,
  exportContribution,
  findContribution,
  searchContribution,
  settingsContribution,
  trashContribution,
  syncContribution,
] as const;

/** The ids of every registered command, as literal types. */
export type CommandIdOf<C> = C extends Contribution<infer Id> ? Id : never;
export type RegisteredCommandId = CommandIdOf<(typeof CONTRIBUTIONS)[number]>;

/**
 * `true` when every desktop menu command has a registered command; otherwise an object type naming the
 * missing ones, so the assignment below fails to compile with their names in the message. A command id
 * that is not a literal (a plain `string`) would make any menu command look registered, so it fails too.
 */
export type MenuCommandsRegistered<Menu extends string, Registered extends string> = string extends Registered
  ? { error: 'a command id is a plain string, not a literal: declare it inline in defineContribution' }
  : [Exclude<Menu, Registered>] extends [never]
    ? true
    : { menuCommandsWithoutAHandler: Exclude<Menu, Registered> };

export const EVERY_MENU_COMMAND_IS_REGISTERED: MenuCommandsRegistered<MenuCommand, RegisteredCommandId> = true;
