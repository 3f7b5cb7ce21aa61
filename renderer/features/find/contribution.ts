/** The find feature: Find in source (Ctrl/Cmd+F) opens the reader's find bar. */
import { defineContribution } from '../../lib/contributions';
import { requestFind } from './findRequests';

export const findContribution = defineContribution({
  id: 'find',
  commands: [{ id: 'find', title: 'commands.find', when: ['sourceOpen'], run: requestFind }],
});
