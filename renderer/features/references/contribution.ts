/** The references feature: Import references… (CSL-JSON, BibTeX, RIS from a reference manager) and its dialog. */
import { defineContribution } from '../../lib/contributions';
import { chooseReferences, ReferencesDialogHost } from './ImportReferences';

export const referencesContribution = defineContribution({
  id: 'references',
  commands: [{ id: 'import-references', title: 'commands.import-references', when: ['caseOpen', 'editable'], run: ({ keys, notices }) => chooseReferences(keys.caseId!, notices) }],
  overlays: [ReferencesDialogHost],
});
