export { applyEdits, EditRangeError, editsOverlap } from './apply.js';
export { type AtomicWriteOptions, EditConflictError, writeFileAtomic } from './atomic.js';
export { unifiedDiff } from './diff.js';
export {
  applyFixes,
  type FileFixOutcome,
  type FileText,
  FileTextError,
  readFileText,
  rewriteFile,
} from './fixes.js';
export { generateToc, parseHeadings } from './mdtoc/index.js';
export {
  insertTocEdit,
  inspectToc,
  positionAt,
  type TocFound,
  type TocProblem,
  type TocSettings,
  type TocState,
} from './toc.js';
export {
  checkTocFiles,
  listTocFiles,
  TocError,
  type TocFileCheck,
  type TocFileList,
  writeToc,
} from './toc-files.js';
