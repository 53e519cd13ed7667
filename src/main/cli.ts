import type { Database } from 'better-sqlite3'
import { existsSync, renameSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { TANDEM_APP_ID, openWorkspaceDb } from './db/connection'
import { removeQuietly, verifyBackup } from './db/backup'
import { AppError, isAppError, oneLine } from './errors'
import { getSettings, importSettingsFile, settingsToJson } from './services/settings'

/**
 * The headless command line: the same services as the app, for scripts and checks. Exit status 0 on
 * success, 1 when the input is refused, 2 for a usage error; the reason is one line on stderr. With
 * `--json`, stdout holds exactly one JSON document.
 */

export interface CliIo {
  out(text: string): void
  err(text: string): void
}

class UsageError extends Error {}

const USAGE = `usage: tandem <command> [options]
  settings import <file.json> --db <path>   check a settings file and store it in the workspace
  settings export --db <path> [--out <file>] print (or write) the workspace's settings as JSON
  backup --db <path> --out <file>            write a verified copy of the workspace`

type Options = NonNullable<ParseArgsConfig['options']>

function parse(args: string[], options: Options): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values, positionals }
  } catch (e) {
    throw new UsageError(oneLine(e))
  }
}

function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name]
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--${name} <${name === 'db' ? 'path' : 'file'}> is required`)
  return v
}

async function withDb<T>(path: string, create: boolean, fn: (db: Database) => T | Promise<T>): Promise<T> {
  const db = await openWorkspaceDb(resolve(path), { create: create && !existsSync(path) })
  try {
    return await fn(db)
  } finally {
    db.close()
  }
}

async function settingsCommand(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'import') {
    const { values, positionals } = parse(rest, { db: { type: 'string' }, json: { type: 'boolean' } })
    const file = positionals[0]
    if (!file || positionals.length > 1) throw new UsageError('settings import takes one settings file')
    const db = requireString(values, 'db')
    const state = await withDb(db, true, (d) => importSettingsFile(d, file))
    if (values['json']) io.out(JSON.stringify({ imported: basename(file), updatedAt: state.updatedAt }))
    else io.err(`Settings from ${basename(file)} saved to ${basename(db)}.`)
    return
  }
  if (sub === 'export') {
    const { values, positionals } = parse(rest, { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } })
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const text = await withDb(requireString(values, 'db'), false, (d) => settingsToJson(getSettings(d).settings))
    const out = values['out']
    if (typeof out === 'string') {
      writeAtomically(out, text)
      io.err(`Settings written to ${out}.`)
    } else io.out(text.trimEnd())
    return
  }
  throw new UsageError(sub ? `unknown settings command "${sub}"` : 'settings needs import or export')
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.partial`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, path)
  } catch (e) {
    removeQuietly(tmp)
    throw new AppError('FILE_IO', `Could not write ${path}: ${oneLine(e)}`)
  }
}

async function backupCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } })
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
  const dbPath = requireString(values, 'db')
  const out = resolve(requireString(values, 'out'))
  if (existsSync(out)) throw new AppError('FILE_IO', `${out} already exists; choose a new file for the backup.`)
  const partial = `${out}.partial`
  await withDb(dbPath, false, async (db) => {
    try {
      await db.backup(partial)
      verifyBackup(partial, { applicationId: TANDEM_APP_ID, userVersion: db.pragma('user_version', { simple: true }) as number })
      renameSync(partial, out)
    } finally {
      removeQuietly(partial)
    }
  })
  if (values['json']) io.out(JSON.stringify({ backup: out }))
  else io.err(`Backup of ${basename(dbPath)} written to ${out} and verified.`)
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'settings':
        await settingsCommand(rest, io)
        return 0
      case 'backup':
        await backupCommand(rest, io)
        return 0
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.err(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`tandem: ${e.message} (run with --help for usage)`)
      return 2
    }
    io.err(`tandem: ${isAppError(e) ? e.message : oneLine(e)}`)
    return 1
  }
}
