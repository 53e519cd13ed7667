import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, type EarlyRead } from '../../src/main/cli'
import { earlyRead } from '../../src/main/cli-early'
import { defaultSettings } from '../../src/shared/settings'
import { tmpDir } from '../helpers/tmp'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** Runs the CLI as cli-entry.ts does: an import's read started before the CLI loads. */
async function cliEarly(...argv: string[]) {
  const early = earlyRead(argv) as EarlyRead | undefined
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, early)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('an existing file that is not a workspace is never adopted', () => {
  it('a 0-byte file is refused, by commands that create a workspace too, and stays 0 bytes', async () => {
    const dir = tmpDir()
    const path = join(dir, 'ws.sqlite')
    writeFileSync(path, '')
    const settings = join(dir, 's.json')
    writeFileSync(settings, JSON.stringify(defaultSettings()))
    for (const argv of [
      ['settings', 'import', settings, '--db', path],
      ['report', 'targets', '--period', '2025-Q1', '--db', path],
    ]) {
      const r = await cli(...argv)
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'tandem: ws.sqlite is an empty file (0 bytes), not a Tandem workspace; it was left unchanged. Only a path where no file exists becomes a new workspace.',
      })
    }
    expect(statSync(path).size).toBe(0)
  })

  it('an empty SQLite database or a text file is refused and left byte for byte as it was', async () => {
    const dir = tmpDir()
    const empty = join(dir, 'empty.sqlite')
    const raw = new Database(empty)
    raw.pragma('journal_mode = WAL') // writes the database header: a valid, empty SQLite file
    raw.close()
    const before = readFileSync(empty)
    const r = await cli('action', 'add', '--title', 'x', '--db', empty)
    expect(r).toMatchObject({
      code: 1,
      stderr: 'tandem: empty.sqlite is an empty SQLite database but not a Tandem workspace; it was left unchanged.',
    })
    expect(readFileSync(empty).equals(before)).toBe(true)

    const text = join(dir, 'notes.sqlite')
    writeFileSync(text, 'meeting notes, not a database\n'.repeat(200))
    const t = await cli('settings', 'export', '--db', text)
    expect(t).toMatchObject({ code: 1, stderr: 'tandem: notes.sqlite is not a Tandem workspace (not a SQLite database).' })
    expect(readFileSync(text, 'utf8')).toBe('meeting notes, not a database\n'.repeat(200))
  })
})

describe('import of something that is not a regular file', () => {
  it('a FIFO, a folder, a device and a socket are each refused at once with one line', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    const fifo = join(dir, 'export.csv')
    execFileSync('mkfifo', [fifo])
    const folder = join(dir, 'exports')
    mkdirSync(folder)
    const socketPath = join(dir, 'live.csv')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
    try {
      const cases: [string, string][] = [
        [fifo, 'tandem: export.csv: is a named pipe (FIFO), not a file; save the export to a file and import that'],
        [folder, 'tandem: exports: is a folder, not a file; choose the CSV or XLSX file inside it'],
        ['/dev/zero', 'tandem: zero: is a device, not a file; choose a CSV or XLSX file'],
        [socketPath, 'tandem: live.csv: is a socket, not a file; save the export to a file and import that'],
      ]
      for (const [file, message] of cases) {
        const started = Date.now()
        const r = await cliEarly('import', file, '--db', db)
        expect(r).toEqual({ code: 1, stdout: '', stderr: message })
        expect(Date.now() - started).toBeLessThan(5000)
      }
    } finally {
      server.close()
    }
  }, 30_000)
})

describe('litter and messages', () => {
  const HEADER = 'Opportunity ID,Stage,Amount,Close Date\n'

  it('imports and backups leave no journal files beside their copies, after success and after failure', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    for (const n of [1, 2, 3]) {
      writeFileSync(join(dir, `o${n}.csv`), `${HEADER}${n},Closed Won,${n}00,2025-01-0${n}\n`)
      expect((await cli('import', join(dir, `o${n}.csv`), '--db', db)).code).toBe(0)
    }
    expect((await cli('backup', '--db', db, '--out', join(dir, 'copy.sqlite'))).code).toBe(0)
    // A backup that fails (its target folder is a file): nothing of its copy is left either.
    writeFileSync(join(dir, 'not-a-folder'), 'x')
    expect((await cli('backup', '--db', db, '--out', join(dir, 'not-a-folder', 'b.sqlite'))).code).toBe(1)
    const backups = readdirSync(join(dir, 'ws.backups'))
    expect(backups).toHaveLength(2) // before the 2nd and 3rd imports
    expect(backups.every((f) => /^backup-import-[\dTZ-]+\.sqlite$/.test(f))).toBe(true)
    expect(readdirSync(dir).filter((f) => /partial|-wal$|-shm$|-journal$/.test(f))).toEqual([])
  })

  it('a failed import into a new workspace leaves no workspace, journal or backups folder behind', async () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'bad.csv'), `${HEADER}`) // a header and no rows: refused
    const r = await cli('import', join(dir, 'bad.csv'), '--db', join(dir, 'new.sqlite'))
    expect(r.code).toBe(1)
    expect(readdirSync(dir)).toEqual(['bad.csv'])
  })

  it('a workspace that cannot be created names the file and why', async () => {
    const dir = tmpDir()
    const path = join(dir, 'missing-folder', 'ws.sqlite')
    const r = await cli('settings', 'import', join(dir, 's.json'), '--db', path)
    expect(r.stderr).toBe(`tandem: Cannot create ${path}: the folder ${join(dir, 'missing-folder')} does not exist.`)
  })

  it('a workspace in use says "busy", which process has it, and that nothing changed', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    writeFileSync(join(dir, 'o.csv'), `${HEADER}1,Closed Won,100,2025-01-05\n`)
    expect((await cli('import', join(dir, 'o.csv'), '--db', db)).code).toBe(0)
    // Another program writing with a rollback journal, as a large CLI import does, mid-transaction.
    // (Nothing else of the workspace is opened by this test meanwhile: closing any file of it would drop
    // this process's POSIX locks on it.)
    const other = new Database(db)
    other.pragma('journal_mode = DELETE')
    other.exec('BEGIN IMMEDIATE')
    other.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run()
    try {
      const r = await cli('report', 'targets', '--period', '2025-Q1', '--db', db)
      expect(r.code).toBe(1)
      const holder = existsSync('/proc/locks') ? `process ${process.pid} \\(this one\\)` : 'another program \\(an import\\?\\)'
      expect(r.stderr).toMatch(
        new RegExp(`^tandem: ws\\.sqlite is busy: ${holder} is using it; nothing was changed\\. Try again when it has finished\\.$`),
      )
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    const after = new Database(db, { readonly: true })
    expect(after.prepare("SELECT count(*) FROM meta WHERE key = 'x'").pluck().get()).toBe(0)
    expect(after.prepare('SELECT count(*) FROM opportunities').pluck().get()).toBe(1)
    after.close()
  })

  it('a file name with a line break or an ANSI escape is printed escaped, on one line', async () => {
    const dir = tmpDir()
    const name = 'q3\nexport\u001b[31m.csv'
    writeFileSync(join(dir, name), '')
    const r = await cli('import', join(dir, name), '--db', join(dir, 'ws.sqlite'))
    expect(r).toMatchObject({ code: 1, stderr: 'tandem: q3\\nexport\\x1b[31m.csv: is empty' })
    writeFileSync(join(dir, name), `${HEADER}1,Closed Won,100,2025-01-05\n`)
    const ok = await cli('import', join(dir, name), '--db', join(dir, 'ws.sqlite'))
    expect(ok.stdout).toBe('Imported q3\\nexport\\x1b[31m.csv as opportunities (import #1): 1 new, 0 changed, 0 unchanged, 0 invalid.')
  })
})
