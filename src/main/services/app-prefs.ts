import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'

/**
 * Per-machine preferences (not per workspace): recent workspaces, the last one opened, and the window's
 * size and position. Kept as a small JSON file in the app's user-data folder. A damaged file is set
 * aside as `.bad` and replaced by defaults, so a bad file can never stop the app from starting.
 */

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(200).max(20000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
})
export type WindowBounds = z.infer<typeof boundsSchema>

const prefsSchema = z.object({
  recent: z
    .array(z.object({ path: z.string().min(1).max(4096), openedAt: z.string() }))
    .max(50)
    .default([]),
  lastWorkspace: z.string().max(4096).optional(),
  window: boundsSchema.optional(),
})
type PrefsDoc = z.infer<typeof prefsSchema>

export const MAX_RECENT = 10

/** A recent workspace as the main process knows it (the page gets an id instead of the path). */
export interface RecentEntry {
  path: string
  name: string
  openedAt: string
  exists: boolean
}

export class AppPrefs {
  private doc: PrefsDoc
  readonly file: string

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'preferences.json')
    this.doc = this.load()
  }

  private load(): PrefsDoc {
    if (!existsSync(this.file)) return prefsSchema.parse({})
    try {
      return prefsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch {
      try {
        renameSync(this.file, `${this.file}.bad`)
      } catch {
        // If even that fails the defaults below still apply; the next save overwrites the file.
      }
      return prefsSchema.parse({})
    }
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(this.doc, null, 2))
    renameSync(tmp, this.file)
  }

  get lastWorkspace(): string | undefined {
    return this.doc.lastWorkspace
  }

  /** Records a workspace as just opened: first in the recent list, and the one to reopen next time. */
  touchWorkspace(path: string, now = new Date()): void {
    const rest = this.doc.recent.filter((r) => r.path !== path)
    this.doc.recent = [{ path, openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT)
    this.doc.lastWorkspace = path
    this.save()
  }

  forgetWorkspace(path: string): void {
    this.doc.recent = this.doc.recent.filter((r) => r.path !== path)
    if (this.doc.lastWorkspace === path) delete this.doc.lastWorkspace
    this.save()
  }

  recent(): RecentEntry[] {
    return this.doc.recent.map((r) => ({ ...r, name: basename(r.path), exists: existsSync(r.path) }))
  }

  get windowBounds(): WindowBounds | undefined {
    return this.doc.window
  }

  set windowBounds(bounds: WindowBounds) {
    this.doc.window = boundsSchema.parse(bounds)
    this.save()
  }
}
