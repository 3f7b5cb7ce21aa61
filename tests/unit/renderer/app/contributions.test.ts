// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceleratorOf, collectCommands, createRegistry } from '../../../../renderer/app/commandService';
import { CONTRIBUTIONS, type CommandIdOf, type MenuCommandsRegistered } from '../../../../renderer/app/contributions';
import { resetContextKeys, setContextKeys } from '../../../../renderer/lib/contextKeys';
import { defineContribution, type WorkspaceApi } from '../../../../renderer/lib/contributions';
import type { NoticesApi } from '../../../../renderer/lib/notices';
import { MENU_COMMANDS, menuAccelerator } from '../../../../shared/ipc/menu';

// Type-level checks, verified by `tsc -b` (npm run typecheck): a menu command without a registered command does not compile.
const covered: MenuCommandsRegistered<'new-case' | 'find', 'new-case' | 'find' | 'extra'> = true;
// @ts-expect-error — 'find' is in the menu but no contribution registers it
const missing: MenuCommandsRegistered<'new-case' | 'find', 'new-case'> = true;
// @ts-expect-error — a command id typed as plain string would make every menu command look registered
const widened: MenuCommandsRegistered<'new-case', string> = true;
// A contribution with no commands adds no ids (its Ids default to never, not to string).
const _panesOnly = defineContribution({ id: 'panes-only', panes: [] });
const noIds: [CommandIdOf<typeof _panesOnly>] extends [never] ? true : false = true;
void [covered, missing, widened, noIds];

function fakeNotices(): NoticesApi & { errors: string[]; toasts: string[] } {
  const errors: string[] = [];
  const toasts: string[] = [];
  return { errors, toasts, error: (m) => void errors.push(m), clearError: () => undefined, toast: (m) => void toasts.push(m) };
}
const workspace: WorkspaceApi = { openCase: async () => undefined, showPane: () => undefined, openSource: () => undefined };

afterEach(() => resetContextKeys());

describe('the registry', () => {
  it('registers a command for every desktop menu command, each id once', () => {
    const ids = collectCommands(CONTRIBUTIONS).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const command of MENU_COMMANDS) expect(ids, command).toContain(command);
  });

  it('gives menu commands the menu’s accelerator, never a second copy of it', () => {
    for (const command of collectCommands(CONTRIBUTIONS)) {
      const menu = (MENU_COMMANDS as readonly string[]).includes(command.id) ? menuAccelerator(command.id as never) : undefined;
      if (menu) {
        expect(acceleratorOf(command)).toBe(menu);
        expect(command.keybindings ?? [], command.id).not.toContain(menu);
      }
    }
  });

  it('lists each pane once, with a title, and one main pane', () => {
    const panes = CONTRIBUTIONS.flatMap((c) => c.panes ?? []);
    expect(new Set(panes.map((p) => p.id)).size).toBe(panes.length);
    expect(panes.filter((p) => p.slot === 'main')).toHaveLength(1);
    expect(panes.filter((p) => p.slot === 'right').map((p) => p.id)).toEqual(expect.arrayContaining(['brief', 'claims']));
  });

  it('refuses two commands with one id', () => {
    const a = defineContribution({ id: 'a', commands: [{ id: 'same', title: 'commands.find', run: () => undefined }] });
    const b = defineContribution({ id: 'b', commands: [{ id: 'same', title: 'commands.find', run: () => undefined }] });
    expect(() => collectCommands([a, b])).toThrow('The command “same” is registered twice (by a and by b).');
  });

  it('runs a command only when its conditions hold, and says which one is missing', async () => {
    const run = vi.fn();
    const notices = fakeNotices();
    const registry = createRegistry([defineContribution({ id: 't', commands: [{ id: 'update-source', title: 'commands.update-source', when: ['sourceOpen'], run }] })], { shell: 'web', notices: () => notices, workspace: () => workspace });
    await registry.run('update-source');
    expect(run).not.toHaveBeenCalled();
    expect(notices.errors).toEqual(['“Update source…” is not available now: open a source first.']);
    setContextKeys({ caseId: 'c1', sourceId: 's1' });
    await registry.run('update-source');
    expect(run).toHaveBeenCalledOnce();
    expect(run.mock.calls[0]?.[0]).toMatchObject({ keys: { caseId: 'c1', sourceId: 's1' } });
  });

  it('refuses the commands that change a case while it is shared read-only, and lists them as disabled', async () => {
    const run = vi.fn();
    const notices = fakeNotices();
    const registry = createRegistry([defineContribution({ id: 't', commands: [{ id: 'import-source', title: 'commands.import-source', when: ['caseOpen', 'editable'], run }] })], { shell: 'web', notices: () => notices, workspace: () => workspace });
    setContextKeys({ caseId: 'c1', readOnly: true });
    await registry.run('import-source');
    expect(run).not.toHaveBeenCalled();
    expect(notices.errors).toEqual(['“Import a file…” is not available now: this case is shared with you read-only.']);
    expect(registry.list({ caseId: 'c1', caseName: null, sourceId: null, noteId: null, backups: false, readOnly: true })[0]?.enabled).toBe(false);
    setContextKeys({ readOnly: false });
    await registry.run('import-source');
    expect(run).toHaveBeenCalledOnce();
  });

  it('requires the case to be changeable for every command that changes one', () => {
    const changing = ['import-source', 'import-url', 'edit-source', 'update-source', 'import-annotations', 'import-references'];
    const commands = collectCommands(CONTRIBUTIONS);
    for (const id of changing) expect(commands.find((c) => c.id === id)?.when, id).toContain('editable');
  });

  it('ignores a second run while the first is at work, and reports a failure with its own sentence', async () => {
    let release = () => undefined as void;
    const run = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const notices = fakeNotices();
    const registry = createRegistry(
      [
        defineContribution({
          id: 't',
          commands: [
            { id: 'slow', title: 'commands.find', run },
            { id: 'broken', title: 'commands.find', run: () => Promise.reject(new Error('The disk is full.')) },
          ],
        }),
      ],
      { shell: 'web', notices: () => notices, workspace: () => workspace },
    );
    const first = registry.run('slow');
    await registry.run('slow');
    expect(run).toHaveBeenCalledOnce();
    release();
    await first;
    await registry.run('broken');
    await registry.run('nothing-like-this');
    expect(notices.errors).toEqual(['The disk is full.', 'Casefile has no command “nothing-like-this”.']);
  });

  it('binds the menu’s shortcuts in the browser, and leaves them to the desktop menu in Electron', () => {
    const web = createRegistry(CONTRIBUTIONS, { shell: 'web', notices: fakeNotices, workspace: () => workspace });
    const desktop = createRegistry(CONTRIBUTIONS, { shell: 'electron', notices: fakeNotices, workspace: () => workspace });
    const bound = (registry: typeof web) => registry.keybindings.map((b) => `${b.commandId}:${b.accelerator}`);
    expect(bound(web)).toEqual(expect.arrayContaining(['command-palette:CmdOrCtrl+K', 'command-palette:CmdOrCtrl+Shift+P', 'zoom-in:CmdOrCtrl+=', 'zoom-in:CmdOrCtrl+Plus', 'import-source:CmdOrCtrl+O']));
    expect(bound(desktop)).toEqual(['command-palette:CmdOrCtrl+Shift+P', 'zoom-in:CmdOrCtrl+Plus']);
  });

  it('handles a bound key once, and leaves other keys alone', () => {
    const run = vi.fn();
    const registry = createRegistry([defineContribution({ id: 't', commands: [{ id: 'x', title: 'commands.find', keybindings: ['CmdOrCtrl+J'], run }] })], { shell: 'web', notices: fakeNotices, workspace: () => workspace });
    const bound = new KeyboardEvent('keydown', { key: 'j', ctrlKey: true, cancelable: true });
    expect(registry.handleKey(bound)).toBe(true);
    expect(bound.defaultPrevented).toBe(true);
    const other = new KeyboardEvent('keydown', { key: 'j', cancelable: true });
    expect(registry.handleKey(other)).toBe(false);
    expect(other.defaultPrevented).toBe(false);
  });
});
