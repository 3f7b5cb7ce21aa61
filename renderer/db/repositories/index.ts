export { RepoError } from './errors';
export { createCase, deleteCase, readCaseSnapshot, renameCase, restoreCase, setActiveSource, touchCase, type CaseSnapshot, type DeletedCaseSnapshot } from './cases';
export {
  addSource,
  applySourceUpdate,
  deleteSource,
  findSourceBySha,
  planSourceUpdate,
  replaceSourceText,
  restoreSource,
  undoSourceUpdate,
  updateSourceMetadata,
  type SourceSnapshot,
  type SourceUpdateCounts,
  type SourceUpdatePlan,
  type SourceUpdateResult,
  type SourceUpdateUndo,
} from './sources';
export { createNote, deleteNote, findPassageCitations, isEmptyNote, renameNote, restoreNote, saveNoteContent, setCaseBrief, type DeletedNote, type PassageCitationPlace, type NoteContentChange, type SaveNoteResult } from './notes';
export { ensureSampleCase, type SampleCaseData } from './sample';
export { deleteMeta, getMeta, getMetaEntries, setMeta } from './meta';
export { buildPassage, createPassage, deletePassage, locatorAt, reattachPassage, restorePassage, updatePassage, type PassageSnapshot } from './passages';
export { asCopy, bundleConflict, bundleFileName, exportCaseBundle, isBundleFile, readAllCases, readCaseBundle, writeImportedCases } from './bundle';
export {
  addFigure,
  addManualEvent,
  decideFoundDate,
  mergeEntities,
  readFigures,
  removeTimelineEntry,
  restoreTimelineEntry,
  tagPassageWithEntity,
  unmergeEntities,
  untagPassageEntity,
  type FoundDateRef,
} from './views';
