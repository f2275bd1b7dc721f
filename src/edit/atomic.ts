// The atomic-write helper lives in load, the lowest part that writes (its caches); edit's callers find it here.
export {
  type AtomicWriteOptions,
  EditConflictError,
  removeStaleTempFiles,
  removeStaleTempFilesUnder,
  removeTempFiles,
  WriteRefusedError,
  writeFileAtomic,
} from '../load/atomic-write.js';
