import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

/** A file's bytes and its journal files, to prove that something was left untouched. */
export function fingerprint(path: string): { sha256: string; wal: boolean; shm: boolean } {
  return {
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    wal: existsSync(`${path}-wal`),
    shm: existsSync(`${path}-shm`),
  }
}
