import { existsSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { AppError, diskFullError, isAppError, oneLine, sqliteAppError } from './errors'
import type { MainServices } from './services/main-services'
import { IMPORT_KINDS, DATE_ORDERS, type Crm, type DateOrder, type ImportKind } from '@shared/import/types'
import { fieldsOf } from '@shared/import/fields'
import { missingFieldLine, type ImportRequest, type ListedProblem } from '@shared/import/outcome'
import type { ReadSession } from './import/worker/read-in-worker'
import type { Sniffed } from './import/read/sniff'
import { REPORTS } from './reports/registry'
import type { ActionEdit, ActionStatus, ActionTeam } from '@shared/board'

/**
 * The headless command line: the same services as the app, for scripts and checks. Exit status 0 on
 * success, 1 when the input is refused, 2 for a usage error; the reason is one line on stderr. With
 * `--json`, stdout holds exactly one JSON document.
 *
 * The services, the import engine and the reports are loaded by the commands that use them (dynamic
 * imports): evaluating them (zod schemas, SQL, the calendar) is most of the CLI's start-up, and `--help`
 * or a usage error needs none of it.
 */

export interface CliIo {
  out(text: string): void
  err(text: string): void
}

/** A read of an import's file started before the CLI loaded (cli-entry.ts), for the import command to take over. */
export interface EarlyRead {
  path: string
  sheet: string | null
  sampled: Promise<{ sniffed: Sniffed; session: ReadSession }>
}

class UsageError extends Error {}

const USAGE = `usage: tandem <command> [options]
  import <file> --db <path> [--kind leads|opportunities|targets|spend] [--preset salesforce|hubspot|pipedrive]
         [--sheet <name>] [--header-row <n>] [--date-order mdy|dmy|ymd] [--map <field>=<header> ...]
         [--source <system>] [--dry-run] [--json]
                                             import a CSV or XLSX export (or, with --dry-run, only check it)
  undo-import <batch-id> --db <path> [--json] undo an import exactly
  report <name> --db <path> [options] [--json] print a report (see README: targets, handoff, funnel, campaigns)
  settings import <file.json> --db <path>   check a settings file and store it in the workspace
  settings export --db <path> [--out <file>] print (or write) the workspace's settings as JSON
  backup --db <path> --out <file>            write a verified copy of the workspace
  export --db <path> --out <file.zip> [--json] every table as CSV plus the settings, in one zip
  meeting start --db <path> [--title <t>] [--at <date-time>] [--json]
                                             start the next meeting: freeze its snapshot and since-last-meeting
  meeting end <meeting-id> --db <path> [--json] end a meeting: carry its open items into the next one
  action add --db <path> --title <t> [--owner <o>] [--team sales|marketing|joint] [--due <date>]
             [--link metric:<name>|opportunity:<CRM id>] [--json]
  action set <item-id> --db <path> [--status todo|in_progress|blocked|done] [--due <date>] [--owner <o>] [--json]
  minutes <meeting-id> --db <path> --format md|csv|ics [--out <file>]
                                             a meeting's minutes (md) or its action items (csv, ics)`

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

/**
 * Runs a command on the app's own services over the workspace at `path` (created when asked and missing).
 * A command that only reads (`readOnly: 'allow'`) also runs on a workspace this user may not write;
 * any other is refused up front there.
 */
async function withServices<T>(
  path: string,
  create: boolean,
  fn: (services: MainServices) => T | Promise<T>,
  readOnly: 'allow' | 'refuse' = 'refuse',
): Promise<T> {
  // Loaded here, not at the top: --help, --version and usage errors answer without SQLite (start-up time).
  const { createMainServices } = await import('./services/main-services')
  const services = createMainServices({ emit: () => undefined, dailyBackup: false })
  const fresh = create && !existsSync(path)
  let done = false
  try {
    await services.workspace.open(resolve(path), { create: fresh, readOnly })
    const result = await fn(services)
    done = true
    return result
  } catch (e) {
    // A write into the workspace that its full disk refused (an import, an undo) says so, naming it.
    throw isAppError(e) ? e : (diskFullError(e, resolve(path)) ?? e)
  } finally {
    services.dispose()
    // A workspace made for a command that then failed (a refused import, a full disk) is removed again:
    // no empty workspace or journal is left where there was nothing.
    if (fresh && !done) await removeWorkspaceFiles(resolve(path))
  }
}

async function removeWorkspaceFiles(path: string): Promise<void> {
  const { backupsDirFor, removeQuietly } = await import('./db/backup')
  for (const suffix of ['', '-wal', '-shm', '-journal']) removeQuietly(`${path}${suffix}`)
  try {
    rmdirSync(backupsDirFor(path)) // only when empty
  } catch {
    // Not there, or holding backups: left alone.
  }
}

/**
 * Text for a terminal: control characters (a line break or an ANSI escape in a file name) are shown
 * escaped, so one message stays one line and cannot recolour or rewrite the terminal.
 */
export function printable(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
  let out = ''
  for (const c of text) {
    const code = c.charCodeAt(0)
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f)
    out += control ? (named[c] ?? `\\x${code.toString(16).padStart(2, '0')}`) : c
  }
  return out
}

async function settingsCommand(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'import') {
    const { values, positionals } = parse(rest, { db: { type: 'string' }, json: { type: 'boolean' } })
    const file = positionals[0]
    if (!file || positionals.length > 1) throw new UsageError('settings import takes one settings file')
    const db = requireString(values, 'db')
    const state = await withServices(db, true, (s) => s.settings.importFile(file))
    if (values['json']) io.out(JSON.stringify({ imported: basename(file), updatedAt: state.updatedAt }))
    else io.err(printable(`Settings from ${basename(file)} saved to ${basename(db)}.`))
    return
  }
  if (sub === 'export') {
    const { values, positionals } = parse(rest, { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } })
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const text = await withServices(requireString(values, 'db'), false, (s) => s.settings.toJson(), 'allow')
    const out = values['out']
    if (typeof out === 'string') {
      writeAtomically(out, text)
      io.err(printable(`Settings written to ${out}.`))
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
    try {
      rmSync(tmp, { force: true })
    } catch {
      // The write's own error is what the user needs to see.
    }
    throw new AppError('FILE_IO', `Could not write ${path}: ${oneLine(e)}`)
  }
}

/** `--db <w> --out <new file> [--json]`, the file checked not to exist (a copy is never written over another file). */
function dbToNewFile(args: string[], what: string): { dbPath: string; out: string; json: boolean } {
  const { values, positionals } = parse(args, { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } })
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
  const dbPath = requireString(values, 'db')
  const out = resolve(requireString(values, 'out'))
  if (existsSync(out)) throw new AppError('FILE_IO', `${out} already exists; choose a new file for the ${what}.`)
  return { dbPath, out, json: values['json'] === true }
}

async function backupCommand(args: string[], io: CliIo): Promise<void> {
  const { dbPath, out, json } = dbToNewFile(args, 'backup')
  const { copyWorkspace } = await import('./db/connection')
  await withServices(dbPath, false, ({ workspace: { db } }) => copyWorkspace(db, out), 'allow')
  if (json) io.out(JSON.stringify({ backup: out }))
  else io.err(printable(`Backup of ${basename(dbPath)} written to ${out} and verified.`))
}

async function exportCommand(args: string[], io: CliIo): Promise<void> {
  const { dbPath, out, json } = dbToNewFile(args, 'export')
  const done = await withServices(dbPath, false, (s) => s.export.exportTo(out), 'allow')
  if (json) io.out(JSON.stringify(done))
  else {
    const rows = done.tables.reduce((n, t) => n + t.rows, 0)
    io.err(
      printable(
        `Exported ${basename(dbPath)} to ${out}: ${done.tables.length} tables, ${rows.toLocaleString('en-US')} rows, and its settings.`,
      ),
    )
  }
}

type Command = (args: string[], io: CliIo, early?: EarlyRead) => Promise<void>

export async function runCli(argv: string[], io: CliIo, early?: EarlyRead): Promise<number> {
  const [command, ...rest] = argv
  const commands = new Map<string, Command>([
    ['import', importCommand],
    ['undo-import', undoCommand],
    ['report', reportCommand],
    ['settings', settingsCommand],
    ['backup', backupCommand],
    ['export', exportCommand],
    ['meeting', meetingCommand],
    ['action', actionCommand],
    ['minutes', minutesCommand],
  ])
  try {
    const run = command === undefined ? undefined : commands.get(command)
    if (run) {
      await run(rest, io, early)
      return 0
    }
    switch (command) {
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
      io.err(`tandem: ${printable(e.message)} (run with --help for usage)`)
      return 2
    }
    io.err(`tandem: ${printable(isAppError(e) ? e.message : (sqliteAppError(e)?.message ?? oneLine(e)))}`)
    return 1
  } finally {
    // An early read nobody took over (a usage error, another file) must not keep the process alive.
    void early?.sampled.then(
      (s) => s.session.cancel(),
      () => undefined,
    )
  }
}

const PRESETS: readonly Crm[] = ['salesforce', 'hubspot', 'pipedrive']
/** Invalid rows listed in --json output; beyond that the count says how many there were. */
const MAX_JSON_ERRORS = 100_000

function oneOf<T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')}`)
  }
  return value as T
}

async function importCommand(args: string[], io: CliIo, early?: EarlyRead): Promise<void> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    kind: { type: 'string' },
    preset: { type: 'string' },
    sheet: { type: 'string' },
    'header-row': { type: 'string' },
    'date-order': { type: 'string' },
    map: { type: 'string', multiple: true },
    source: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  })
  const file = positionals[0]
  if (!file || positionals.length > 1) throw new UsageError('import takes one file')
  const dbPath = requireString(values, 'db')
  const kind = oneOf<ImportKind>(values['kind'], IMPORT_KINDS, 'kind')
  const crm = oneOf<Crm>(values['preset'], PRESETS, 'preset')
  const dateOrder = oneOf<DateOrder>(values['date-order'], DATE_ORDERS, 'date-order')
  let headerRow: number | undefined
  if (values['header-row'] !== undefined) {
    headerRow = Number(values['header-row'])
    if (!Number.isInteger(headerRow) || headerRow < 1) throw new UsageError('--header-row must be a row number (1 or more)')
  }
  const path = resolve(file)
  const dryRun = values['dry-run'] === true
  const json = values['json'] === true
  const [{ inspectSample, startSampling }, { runImport }] = await Promise.all([import('./import/inspect'), import('./import/engine')])

  await withServices(dbPath, true, async (services) => {
    const db = services.workspace.db
    const settings = services.settings.get().settings
    const overrides = {
      ...(kind ? { kind } : {}),
      ...(crm ? { crm } : {}),
      ...(typeof values['sheet'] === 'string' ? { sheet: values['sheet'] } : {}),
      ...(headerRow ? { headerRow } : {}),
    }
    // One read of the file: its sample decides how to import it, then the same read goes on.
    const sheet = typeof values['sheet'] === 'string' ? values['sheet'] : null
    const own = (): ReturnType<typeof startSampling> => startSampling(path, overrides)
    const sampled = await (early && early.path === path && early.sheet === sheet ? early.sampled.catch(own) : own())
    const errors: ListedProblem[] = []
    let outcome
    try {
      outcome = await importSampled(sampled)
    } finally {
      sampled.session.cancel() // no-op once the import has read the file
    }

    async function importSampled(s: { sniffed: Sniffed; session: ReadSession }) {
      const inspection = inspectSample(db, path, s.sniffed, await s.session.sample, settings, overrides)
      const request: ImportRequest = { ...inspection.settings, path }
      if (typeof values['source'] === 'string') request.sourceSystem = values['source']
      for (const spec of (values['map'] as string[] | undefined) ?? []) applyMap(request, inspection.headers, spec)
      if (dateOrder) request.dateOrder = dateOrder
      else if (inspection.dateOrderAmbiguous) {
        throw new AppError(
          'IMPORT_INVALID',
          `${inspection.fileName}: dates such as ${inspection.dateExamples.join(', ') || 'these'} could be month/day or day/month; pass --date-order mdy or dmy.`,
        )
      }
      let lastReport = 0
      return runImport(
        { db, path: resolve(dbPath) },
        request,
        {
          mode: dryRun ? 'preview' : 'commit',
          settings,
          onProblem: (p) => {
            if (p.kind === 'invalid' && errors.length < MAX_JSON_ERRORS) errors.push(p)
          },
          onProgress: (p) => {
            // Every 2 s while reading; once progress has been shown, its last line gives the final count.
            if (Date.now() - lastReport < 2000 && !(p.phase === 'finishing' && lastReport > 0)) return
            lastReport = Date.now()
            io.err(`tandem: ${p.rows.toLocaleString('en-US')} rows read (${p.rowsPerSecond.toLocaleString('en-US')} rows/s)`)
          },
        },
        s,
      )
    }
    const warnings = outcome.problems.filter((p) => p.kind === 'duplicate')
    if (json) {
      io.out(
        JSON.stringify({
          batchId: outcome.batchId,
          kind: outcome.kind,
          new: outcome.new,
          changed: outcome.changed,
          unchanged: outcome.unchanged,
          invalid: outcome.invalid,
          errors: errors.map(({ row, column, value, reason }) => ({ row, column, value, reason })),
          duplicates: outcome.duplicates,
          warnings: warnings.map(({ row, column, value, reason }) => ({ row, column, value, reason })),
          sourceSystem: outcome.sourceSystem,
          rowsRead: outcome.rowsRead,
          dryRun,
          backup: outcome.backup,
          missingFields: outcome.missingFields,
        }),
      )
      return
    }
    const counts = `${outcome.new} new, ${outcome.changed} changed, ${outcome.unchanged} unchanged, ${outcome.invalid} invalid${
      outcome.duplicates ? `, ${outcome.duplicates} replaced by a later row with the same id` : ''
    }`
    io.out(
      dryRun
        ? `${printable(outcome.fileName)} as ${outcome.kind} (dry run, nothing written): ${counts}.`
        : `Imported ${printable(outcome.fileName)} as ${outcome.kind} (import #${outcome.batchId}): ${counts}.`,
    )
    for (const m of outcome.missingFields) io.err(`  ${missingFieldLine(m, outcome.rowsRead)}`)
    for (const p of outcome.problems.slice(0, 20))
      io.err(printable(`  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.value ? `"${p.value}" ` : ''}${p.reason}`))
    if (outcome.problemsTotal > 20) io.err(`  … and ${outcome.problemsTotal - 20} more`)
  })
}

/** `--map field=Header`: the column whose header is exactly (else case-insensitively) that text. */
function applyMap(request: ImportRequest, headers: readonly string[], spec: string): void {
  const eq = spec.indexOf('=')
  if (eq <= 0) throw new UsageError(`--map takes <field>=<header>, not "${spec}"`)
  const field = spec.slice(0, eq).trim()
  const header = spec.slice(eq + 1).trim()
  const fields = fieldsOf(request.kind).map((f) => f.name)
  if (!fields.includes(field)) throw new UsageError(`--map: ${request.kind} have no field "${field}" (fields: ${fields.join(', ')})`)
  let column = headers.indexOf(header)
  if (column < 0) {
    const folded = headers.map((h) => h.toLowerCase())
    column = folded.indexOf(header.toLowerCase())
    if (column >= 0 && folded.indexOf(header.toLowerCase(), column + 1) >= 0) column = -2
  }
  if (column === -2) throw new UsageError(`--map ${field}: more than one column is called "${header}"`)
  if (column < 0) throw new UsageError(`--map ${field}: there is no column "${header}" (columns: ${headers.filter(Boolean).join(', ')})`)
  request.mapping = { ...request.mapping, [field]: { column, header: headers[column] ?? header } }
}

async function undoCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } })
  const id = Number(positionals[0])
  if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError('undo-import takes one import number (the batchId)')
  const outcome = await withServices(requireString(values, 'db'), false, (s) => s.imports.undo(id))
  if (values['json']) io.out(JSON.stringify(outcome))
  else io.out(`Undid import #${id}: ${outcome.removed} rows removed, ${outcome.restored} rows restored.`)
}

async function reportCommand(args: string[], io: CliIo): Promise<void> {
  // Each report module registers itself in REPORTS; loaded only here, so other commands start faster.
  await Promise.all([import('./reports/handoff'), import('./reports/targets'), import('./reports/board'), import('./reports/campaigns')])
  const [name, ...rest] = args
  const report = REPORTS.find((r) => r.name === name)
  if (!report) {
    const known = REPORTS.map((r) => r.name).join(', ')
    throw new UsageError(
      name ? `unknown report "${name}"${known ? ` (reports: ${known})` : ''}` : `report needs a name${known ? ` (${known})` : ''}`,
    )
  }
  const { values, positionals } = parse(rest, { ...report.options, db: { type: 'string' }, json: { type: 'boolean' } })
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
  const result = await withServices(requireString(values, 'db'), false, (s) => report.run(s, values, new Date()), 'allow')
  io.out(values['json'] ? JSON.stringify(result) : report.text(result))
}

/** A positive whole number given as the command's one positional argument. */
function idArgument(positionals: string[], what: string): number {
  const id = Number(positionals[0])
  if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError(`${what} takes one number`)
  return id
}

function optionalString(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

async function meetingCommand(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'start') {
    const { values, positionals } = parse(rest, {
      db: { type: 'string' },
      title: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const title = optionalString(values, 'title')
    const at = optionalString(values, 'at')
    const m = await withServices(requireString(values, 'db'), false, ({ board }) =>
      board.startMeeting({ ...(title !== undefined ? { title } : {}), ...(at !== undefined ? { at } : {}) }),
    )
    if (values['json']) io.out(JSON.stringify(m))
    else
      io.out(
        `Started meeting #${m.id} "${m.title}" (${m.scheduledAt.replace('T', ' ')}); its numbers are frozen as of ${m.snapshot?.asOf ?? 'now'}.`,
      )
    return
  }
  if (sub === 'end') {
    const { values, positionals } = parse(rest, { db: { type: 'string' }, json: { type: 'boolean' } })
    const id = idArgument(positionals, 'meeting end')
    const out = await withServices(requireString(values, 'db'), false, ({ board }) => board.endMeeting(id))
    if (values['json']) io.out(JSON.stringify(out))
    else
      io.out(
        `Ended meeting #${id}; ${out.carried} open ${out.carried === 1 ? 'item' : 'items'} carried into #${out.next.id} on ${out.next.scheduledAt.replace('T', ' ')}.`,
      )
    return
  }
  throw new UsageError(sub ? `unknown meeting command "${sub}"` : 'meeting needs start or end')
}

async function actionCommand(args: string[], io: CliIo): Promise<void> {
  const { ACTION_STATUSES, ACTION_TEAMS } = await import('@shared/board')
  const [sub, ...rest] = args
  const common = { db: { type: 'string' }, owner: { type: 'string' }, due: { type: 'string' }, json: { type: 'boolean' } } as const
  if (sub === 'add') {
    const { values, positionals } = parse(rest, {
      ...common,
      title: { type: 'string' },
      team: { type: 'string' },
      notes: { type: 'string' },
      link: { type: 'string' },
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const team = oneOf<ActionTeam>(values['team'], ACTION_TEAMS, 'team') ?? 'joint'
    const linkSpec = optionalString(values, 'link')
    const link = linkSpec === undefined ? null : /^(metric|opportunity):(.+)$/.exec(linkSpec)
    if (link === null && linkSpec !== undefined) throw new UsageError('--link takes metric:<name> or opportunity:<CRM id>')
    const item = await withServices(requireString(values, 'db'), false, ({ board }) =>
      board.createItem({
        title: optionalString(values, 'title') ?? '',
        notes: optionalString(values, 'notes') ?? '',
        owner: optionalString(values, 'owner') ?? '',
        team,
        dueDate: optionalString(values, 'due') ?? null,
        link: link ? board.linkTo(link[1] as 'metric' | 'opportunity', link[2] as string) : null,
      }),
    )
    if (values['json']) io.out(JSON.stringify(item))
    else io.out(`Added action item #${item.id} "${item.title}".`)
    return
  }
  if (sub === 'set') {
    const { values, positionals } = parse(rest, { ...common, status: { type: 'string' } })
    const id = idArgument(positionals, 'action set')
    const edit: ActionEdit = {}
    const status = oneOf<ActionStatus>(values['status'], ACTION_STATUSES, 'status')
    if (status) edit.status = status
    const due = optionalString(values, 'due')
    if (due !== undefined) edit.dueDate = due === '' ? null : due
    const owner = optionalString(values, 'owner')
    if (owner !== undefined) edit.owner = owner
    if (Object.keys(edit).length === 0) throw new UsageError('action set needs --status, --due or --owner')
    const item = await withServices(requireString(values, 'db'), false, ({ board }) => board.editItem(id, edit))
    if (values['json']) io.out(JSON.stringify(item))
    else
      io.out(
        `Action item #${item.id} "${item.title}": ${item.status.replace('_', ' ')}${item.dueDate ? `, due ${item.dueDate}` : ''}${item.owner ? `, ${item.owner}` : ''}.`,
      )
    return
  }
  throw new UsageError(sub ? `unknown action command "${sub}"` : 'action needs add or set')
}

async function minutesCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } })
  const id = idArgument(positionals, 'minutes')
  const format = oneOf(values['format'], ['md', 'csv', 'ics'] as const, 'format')
  if (!format) throw new UsageError('--format md|csv|ics is required (the PDF is made by the app)')
  const { itemsCsv, itemsIcs, minutesMarkdown } = await import('./reports/minutes')
  const text = await withServices(
    requireString(values, 'db'),
    false,
    ({ board }) => {
      const meeting = board.meeting(id)
      const items = board.meetingItems(id)
      return format === 'md' ? minutesMarkdown(meeting, items) : format === 'csv' ? itemsCsv(items) : itemsIcs(meeting, items, new Date())
    },
    'allow',
  )
  const out = optionalString(values, 'out')
  if (out !== undefined) {
    writeAtomically(out, text)
    io.err(printable(`Minutes written to ${out}.`))
  } else io.out(text.trimEnd())
}
