// dsync's lock quorum (minio/internal/dsync/drwmutex.go): of n lockers, n/2 may fail; a read lock needs the rest,
// a write lock one more when that would otherwise be exactly half, so two writers can never both hold a quorum.

export function lockQuorum(lockers: number, write: boolean): number {
  const tolerance = Math.floor(lockers / 2);
  const quorum = lockers - tolerance;
  return write && quorum === tolerance ? quorum + 1 : quorum;
}
