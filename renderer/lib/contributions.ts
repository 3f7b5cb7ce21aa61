/**
 * What a feature contributes to the workbench, as data: commands (run from the palette, the keyboard,
 * the app's menus and the desktop menu), panes (laid out by the shell in its slots) and overlays (dialogs
 * and the like, mounted once). Each feature folder exports one `Contribution` from its `contribution.ts`;
 * renderer/app/contributions.ts collects them in one list, and the shell only lays them out.
 *
 * The types live here, below the features, because features import them and may not import app/.
 * See ARCHITECTURE.md, "Commands and panes".
 */
import type { ComponentType } from 'react';
import type { CaseRecord, ClaimRecord, PassageRecord, SourceRecord, TagRecord } from '../../shared/domain/types';
import type { MessageKey } from '../i18n';
import type { NavigationRequest } from './navigation';
import type { NoticesApi } from './notices';

/**
 * Conditions a command can depend on, evaluated on the current context keys (./contextKeys.ts). Each
 * has a message (`commands.condition.<name>`) that says what to do when it is not met.
 */
export type Condition = 'caseOpen' | 'sourceOpen' | 'noteOpen' | 'backups' | 'editable';

/** Where a command shows in the app's own menus (today the Case menu of the title bar). */
export interface MenuPlacement {
  menu: 'case';
  /** Items are grouped by `group` (a separator between groups), and ordered by `order` inside one. */
  group: number;
  order: number;
}

/** What a command's `run` may use: the context it runs in and the shell's services. */
export interface CommandContext {
  keys: ContextKeys;
  notices: NoticesApi;
  workspace: WorkspaceApi;
}

/** The shell's own actions, for commands that change what the workspace shows. */
export interface WorkspaceApi {
  /** Save pending edits, then open a case (or none). */
  openCase(caseId: string | null): Promise<void>;
  /** Bring a pane (by id) to the front of its slot. */
  showPane(paneId: string): void;
  /**
   * Show a source of the open case in the reader at once, and store it as the case's open source
   * behind (the reader does not wait for that write to commit).
   */
  openSource(sourceId: string): void;
}

export interface CommandContribution<Id extends string = string> {
  /** Unique; a desktop menu command (shared/ipc/menu.ts) uses the menu's id. */
  id: Id;
  /** The label in the palette and the app's menus. */
  title: MessageKey;
  /**
   * Extra shortcuts, in Electron's accelerator syntax ("CmdOrCtrl+Shift+P"). A command of the desktop
   * menu gets the menu's accelerator from shared/ipc/menu.ts; list only further ones here.
   */
  keybindings?: readonly string[];
  /** The enablement: the command runs only when all hold; otherwise it says which is missing. */
  when?: readonly Condition[];
  /** Shown at all (in the palette and menus) only when these hold: for what a platform cannot do. */
  visibleWhen?: readonly Condition[];
  menu?: MenuPlacement;
  /** Listed in the command palette (default true). */
  palette?: boolean;
  /** `args` come from a caller that has more to say than a menu can (the case list's New case asks for the rename field). */
  run(context: CommandContext, args?: CommandArgs): void | Promise<void>;
}

/** Optional arguments of a command run, as VS Code's commands take them; a menu or a shortcut passes none. */
export type CommandArgs = Readonly<Record<string, unknown>>;

/** The records the workspace has loaded for the open case, shared by the panes that show them. */
export interface WorkspaceData {
  caseRecord: CaseRecord;
  sources: SourceRecord[] | undefined;
  /** The source the reader shows (asked for; `activeSource` is its record once read). */
  activeSourceId: string | undefined;
  activeSource: SourceRecord | null | undefined;
  passages: PassageRecord[] | undefined;
  tags: TagRecord[] | undefined;
  claims: ClaimRecord[] | undefined;
}

export type PaneProps = WorkspaceData;

/**
 * The slots of the workspace: `sidebar` (stacked, left), `main` (the reader; one pane), and `right` (tabs
 * beside the reader: Brief, Claims; Timeline, Entities, Evidence map and Trash come as further panes).
 */
export type PaneSlot = 'sidebar' | 'main' | 'right';

interface PaneBase {
  id: string;
  /** The tab label (right), or the region's name. */
  title: MessageKey;
  slot: PaneSlot;
  /** Position within the slot, ascending. */
  order: number;
  /** Navigation requests (lib/navigation.ts) that bring this pane to the front, e.g. 'open-claim'. */
  revealOn?: readonly NavigationRequest['kind'][];
  /** Mount only once first shown (then kept), for panes that are heavy or slow to start. Default: mounted with the case. */
  mountWhenShown?: boolean;
  /**
   * Load the pane's code ahead of its first showing: the workspace calls it once an open case is on
   * screen, so the first click on the tab draws at once instead of waiting for the code (see
   * lib/preloadable.tsx). Loads code only: the pane's data and workers still start when it is shown.
   */
  preload?: () => Promise<unknown>;
}

/**
 * A pane. `scope: 'case'` panes show while a case is open and get its records; `scope: 'app'` panes
 * (the case list) always show and take no props. For a heavy pane, make `component` a `preloadable`
 * component (lib/preloadable.tsx) and pass its `preload`: it loads once a case is on screen, or the
 * first time it is shown if that comes sooner.
 */
export type PaneContribution = PaneBase &
  (
    | {
        scope: 'case';
        component: ComponentType<PaneProps>;
        /**
         * What of the open case the pane shows, as a list of values (`(d) => [d.caseRecord.id, d.sources]`).
         * Given, the workspace re-renders the pane only when one of them changes (compared with
         * `Object.is`; the pane's own hooks and state still re-render it), so switching source does not
         * re-render panes that do not show the source. Every prop the component reads must be among them.
         * Without it, the pane re-renders with every change of the workspace's data.
         */
        shows?: (data: PaneProps) => readonly unknown[];
        /** A count or state next to the title of a tab ("Claims (3)"); may use hooks. */
        badge?: ComponentType<PaneProps>;
      }
    | { scope: 'app'; component: ComponentType; badge?: undefined }
  );

export interface Contribution<Ids extends string = string> {
  /** The feature's name, for messages and tests. */
  id: string;
  commands?: readonly CommandContribution<Ids>[];
  panes?: readonly PaneContribution[];
  /** Components mounted once at the root of the workspace: a feature's dialogs, listeners, the palette. */
  overlays?: readonly ComponentType[];
}

/**
 * Declare a feature's contribution. The `const` type parameter keeps each command id as a literal type,
 * so the app can check at compile time that every desktop menu command is registered.
 */
export function defineContribution<const Ids extends string = never>(contribution: Contribution<Ids>): Contribution<Ids> {
  return contribution;
}

/** The values commands and panes depend on, published by the parts of the UI that know them. */
export interface ContextKeys {
  caseId: string | null;
  caseName: string | null;
  sourceId: string | null;
  /** The note open in the brief pane. */
  noteId: string | null;
  /** The host keeps backups (the desktop app). */
  backups: boolean;
  /**
   * The open case is shared with this profile read-only (published by the sync feature): reading,
   * searching and exporting work, changing the case does not (the `editable` condition).
   */
  readOnly: boolean;
}
