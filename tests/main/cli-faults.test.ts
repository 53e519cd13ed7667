import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
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
