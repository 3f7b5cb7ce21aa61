/**
 * The Trash: what was deleted from the open case (and deleted cases), restored with its links or emptied.
 * Its button sits in the title bar (TitleBar renders <Trash>); the command opens the same dialog from the
 * palette and the Case menu.
 */
import { defineContribution } from '../../lib/contributions';
import { openTrash } from './openTrash';

export const trashContribution = defineContribution({
  id: 'trash',
  commands: [{ id: 'open-trash', title: 'commands.open-trash', when: ['caseOpen'], menu: { menu: 'case', group: 3, order: 1 }, run: openTrash }],
});
