import type { Database } from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { checkSettings, defaultSettings, summarizeProblems, type Settings } from '@shared/settings'
import type { SettingsState } from '@shared/types'
import { AppError, oneLine } from '../errors'
import { readSettingsRow, writeSettingsRow } from '../db/repos/settings'
import type { WorkspaceManager } from './workspace'

/** Reads the workspace's settings document. A damaged document is reported, never silently replaced. */
export function getSettings(db: Database): SettingsState {
  const row = readSettingsRow(db)
  if (!row) return { settings: defaultSettings(), updatedAt: '' }
  let parsed: unknown
  try {
    parsed = JSON.parse(row.doc)
  } catch (e) {
    throw new AppError('SETTINGS_INVALID', `The workspace's settings are not valid JSON (${oneLine(e)}).`)
  }
  const checked = checkSettings(parsed)
  if (!checked.ok) {
    throw new AppError(
      'SETTINGS_INVALID',
      `The workspace's settings are damaged: ${summarizeProblems(checked.problems)}. Import a settings file or restore the defaults.`,
      checked.problems,
    )
  }
  return { settings: checked.settings, updatedAt: row.updatedAt }
}

/** Validates and stores a settings document; says exactly what is wrong when it is refused. */
export function saveSettings(db: Database, input: unknown, now = new Date()): SettingsState {
  const checked = checkSettings(input)
  if (!checked.ok) {
    throw new AppError('SETTINGS_INVALID', `Settings not saved: ${summarizeProblems(checked.problems)}`, checked.problems)
  }
  const updatedAt = now.toISOString()
  writeSettingsRow(db, JSON.stringify(checked.settings), updatedAt)
  return { settings: checked.settings, updatedAt }
}

export function settingsToJson(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`
}

/** Largest settings file we read: a settings document is a few kilobytes. */
const MAX_SETTINGS_FILE = 1024 * 1024

export function readSettingsFile(path: string): unknown {
  let text: string
  try {
    const buf = readFileSync(path)
    if (buf.length > MAX_SETTINGS_FILE) {
      throw new AppError('SETTINGS_INVALID', `${basename(path)} is too large to be a settings file (over 1 MB).`)
    }
    text = buf.toString('utf8').replace(/^\uFEFF/, '')
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('FILE_IO', `Could not read ${basename(path)}: ${oneLine(e)}`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new AppError('SETTINGS_INVALID', `${basename(path)} is not valid JSON: ${oneLine(e)}`)
  }
}

/**
 * Imports a settings file into the workspace. A file may name only some of the settings: the keys it
 * names replace the workspace's (a whole key: `sla` or `fxRates` as given), the others are kept. The
 * result is validated as a whole, so an unknown key or a bad value is refused, named, and nothing changes.
 */
export function importSettingsFile(db: Database, path: string, now = new Date()): SettingsState {
  const doc = readSettingsFile(path)
  const isObject = typeof doc === 'object' && doc !== null && !Array.isArray(doc)
  const checked = checkSettings(isObject ? { ...getSettings(db).settings, ...(doc as Record<string, unknown>) } : doc)
  if (!checked.ok) {
    throw new AppError('SETTINGS_INVALID', `${basename(path)}: ${summarizeProblems(checked.problems)}`, checked.problems)
  }
  return saveSettings(db, checked.settings, now)
}

export function exportSettingsFile(db: Database, path: string): void {
  const { settings } = getSettings(db)
  try {
    writeFileSync(path, settingsToJson(settings))
  } catch (e) {
    throw new AppError('FILE_IO', `Could not write ${basename(path)}: ${oneLine(e)}`)
  }
}

/** The workspace's settings document (the team's common language), for the app and the CLI. */
export class SettingsService {
  constructor(private readonly workspace: WorkspaceManager) {}

  get(): SettingsState {
    return getSettings(this.workspace.db)
  }

  save(doc: unknown): SettingsState {
    return saveSettings(this.workspace.db, doc)
  }

  defaults(): Settings {
    return defaultSettings()
  }

  importFile(path: string): SettingsState {
    return importSettingsFile(this.workspace.db, path)
  }

  exportFile(path: string): void {
    exportSettingsFile(this.workspace.db, path)
  }

  /** The document as the JSON text a settings file holds. */
  toJson(): string {
    return settingsToJson(this.get().settings)
  }
}
