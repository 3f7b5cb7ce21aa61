export { RepoError } from './errors';
export { createCase, deleteCase, readCaseSnapshot, renameCase, restoreCase, setActiveSource, touchCase, type CaseSnapshot } from './cases';
export { addSource, deleteSource, findSourceBySha, restoreSource, updateSourceMetadata, type SourceSnapshot } from './sources';
export { createNote, isEmptyNote, renameNote, saveNoteContent, type SaveNoteResult } from './notes';
export { ensureSampleCase, type SampleCaseData } from './sample';
export { getMeta, setMeta } from './meta';
