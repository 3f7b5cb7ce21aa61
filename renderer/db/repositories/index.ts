export { RepoError, repoRef } from './errors';
export { getActor, setActorName } from './actor';
export { addCase, createCase, deleteCase, listCases, readCaseSnapshot, renameCase, setActiveSource, touchCase, type CaseSnapshot } from './cases';
export {
  addSource,
  applySourceUpdate,
  deleteSource,
  findSourceBySha,
  getSource,
  getSourceBlob,
  planSourceUpdate,
  replaceSourceText,
  undoSourceUpdate,
  updateSourceMetadata,
  type SourceUpdateCounts,
  type SourceUpdatePlan,
  type SourceUpdateResult,
  type SourceUpdateUndo,
} from './sources';
export { createNote, deleteNote, findPassageCitations, isEmptyNote, renameNote, saveNoteContent, setCaseBrief, type PassageCitationPlace, type NoteContentChange, type SaveNoteResult } from './notes';
export { ensureSampleCase, type SampleCaseData } from './sample';
export { deleteMeta, getMeta, getMetaEntries, setMeta } from './meta';
export { buildPassage, createPassage, deletePassage, locatorAt, reattachPassage, updatePassage } from './passages';
export { type TrashRef, type TrashTable } from './tombstones';
export { countTrash, emptyTrash, listDeletedCases, listTrash, purgeExpiredTrash, restoreFromTrash, TRASH_RETENTION_DAYS, type TrashItem } from './trash';
export {
  asCopy,
  bundleConflict,
  bundleFileName,
  exportCaseBundle,
  ImportCancelled,
  importSize,
  isBundleFile,
  readAllCases,
  readCaseBundle,
  writeImportedCases,
  type ImportProgress,
} from './bundle';
export { readExportRecords } from './exportRecords';
export { addAnnotatedPassages, passageIdsTaken, readAnnotationTargets } from './annotations';
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
export { applySyncedRecords, readCaseForSync, readRecordsForSync, readSourceBlob, readViewsForSync, type SyncedRecords, type SyncTable, type ViewRecords, type ViewSyncTable } from './sync';
