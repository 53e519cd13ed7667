import { randomBytes } from 'node:crypto'
import { statSync } from 'node:fs'
import { basename, isAbsolute, resolve } from 'node:path'
import type { FileRef } from '@shared/types'
import { AppError } from '../errors'

/**
 * The page never names a file. A file reaches the main process only through what the user did: a
 * main-process dialog, or a drop whose path the preload resolves (Electron's `webUtils.getPathForFile`)
 * and registers over a private channel. The page gets back an opaque handle: 128 random bits, meaningless
 * outside this process and this run, so it cannot be guessed, forged, or turned into another file.
 *
 * Two kinds of handle:
 * - an **import handle** (`grant`) names one file for one import flow: inspect and preview it as often
 *   as the user re-maps, then a commit spends it. Only the newest one lives: choosing or dropping another
 *   file retires the one before, since the Import view shows one file at a time. A spent or retired
 *   handle is refused with a message that says to choose the file again.
 * - a **listed id** (`idFor`) names a file the main process itself listed (a recent workspace, a backup):
 *   the same file keeps the same id for this run, so the page can list and pick; the id resolves only for
 *   the kind it was listed as.
 */

export type ListedKind = 'recent-workspace' | 'backup'

type Entry = { path: string; use: 'import'; state: 'live' | 'spent' | 'retired' } | { path: string; use: ListedKind }

/** `fh_` and 22 base64url characters (128 bits). */
export const FILE_HANDLE_PATTERN = /^fh_[A-Za-z0-9_-]{22}$/
/** Handles kept to tell a spent or retired handle from a forged one; beyond this the oldest are forgotten. */
const REMEMBERED = 256

export class FileHandles {
  private readonly entries = new Map<string, Entry>()
  private readonly listed = new Map<string, string>()

  private mint(entry: Entry): string {
    const handle = `fh_${randomBytes(16).toString('base64url')}`
    this.entries.set(handle, entry)
    // Listed ids stay valid for the whole run; only spent or retired import handles are forgotten.
    for (const [old, e] of this.entries) {
      if (this.entries.size <= REMEMBERED) break
      if (e.use === 'import' && e.state !== 'live') this.entries.delete(old)
    }
    return handle
  }

  /**
   * A file the user chose in a main-process dialog or dropped on the window: a new import handle, which
   * retires the previous one. Refuses what is not a regular file (a folder, a device, nothing).
   */
  grant(path: string): FileRef {
    if (!isAbsolute(path)) throw new AppError('FILE_HANDLE', 'Only a file chosen or dropped by you can be imported.')
    const abs = resolve(path)
    const stat = statSync(abs, { throwIfNoEntry: false })
    if (!stat) throw new AppError('FILE_IO', `${basename(abs)} cannot be read: it is not there any more.`)
    if (!stat.isFile()) throw new AppError('FILE_IO', `${basename(abs)} is not a file: choose or drop a CSV or XLSX file.`)
    for (const e of this.entries.values()) if (e.use === 'import' && e.state === 'live') e.state = 'retired'
    return { handle: this.mint({ path: abs, use: 'import', state: 'live' }), name: basename(abs) }
  }

  /** The file behind a live import handle; refuses a forged, spent, retired or other kind of handle. */
  importPath(handle: string): string {
    const e = this.entries.get(handle)
    if (!e || e.use !== 'import') {
      throw new AppError('FILE_HANDLE', 'Tandem does not know this file: choose it with "Choose a file…" or drop it on the window.')
    }
    if (e.state === 'spent') {
      throw new AppError('FILE_HANDLE', `${basename(e.path)} was imported already: choose or drop it again to import it once more.`)
    }
    if (e.state === 'retired') {
      throw new AppError('FILE_HANDLE', `${basename(e.path)} was replaced by another file: choose or drop it again.`)
    }
    return e.path
  }

  /** A commit read the file: its handle can do nothing more. */
  spend(handle: string): void {
    const e = this.entries.get(handle)
    if (e?.use === 'import') e.state = 'spent'
  }

  /** The id of a file the main process listed; the same file gets the same id for the whole run. */
  idFor(path: string, kind: ListedKind): string {
    const key = `${kind}\0${resolve(path)}`
    const known = this.listed.get(key)
    if (known) return known
    const id = this.mint({ path: resolve(path), use: kind })
    this.listed.set(key, id)
    return id
  }

  /** The file behind a listed id of that kind, or null (a forged id, an import handle, another kind's id). */
  listedPath(id: string, kind: ListedKind): string | null {
    const e = this.entries.get(id)
    return e && e.use === kind ? e.path : null
  }
}
