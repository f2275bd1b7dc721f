export { applyEdits, EditRangeError, editsOverlap } from '../text/apply.js';
export { generateToc, parseHeadings } from '../text/mdtoc/index.js';
export {
  insertTocEdit,
  inspectToc,
  positionAt,
  type TocFound,
  type TocProblem,
  type TocSettings,
  type TocState,
} from '../text/toc.js';
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
export {
  checkTocFiles,
  listTocFiles,
  TocError,
  type TocFileCheck,
  type TocFileList,
  writeToc,
} from './toc-files.js';
