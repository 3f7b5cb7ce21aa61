/** The search feature: the command palette (Ctrl/Cmd+K) — commands, recent cases and a search of the open case. */
import { defineContribution } from '../../lib/contributions';
import { CommandPalette, togglePalette } from './CommandPalette';

export const searchContribution = defineContribution({
  id: 'search',
  commands: [{ id: 'command-palette', title: 'commands.command-palette', keybindings: ['CmdOrCtrl+Shift+P'], run: togglePalette }],
  overlays: [CommandPalette],
});
