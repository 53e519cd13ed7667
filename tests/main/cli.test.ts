import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { cli, ROOT } from '../helpers/cli'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { getSettings, saveSettings } from '../../src/main/services/settings'
import { defaultSettings } from '../../src/shared/settings'
import { tmpDir } from '../helpers/tmp'

async function workspaceWith(currency: string): Promise<string> {
  const path = join(tmpDir(), 'ws.sqlite')
  const db = await openWorkspaceDb(path, { create: true })
  saveSettings(db, { ...defaultSettings(), currency })
  db.close()
  return path
}

describe('cli: settings', () => {
  it('exports the settings as one JSON document on stdout', async () => {
    const db = await workspaceWith('EUR')
    const r = await cli('settings', 'export', '--db', db)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ ...defaultSettings(), currency: 'EUR' })
    expect(r.stderr).toBe('')
  })

  it('imports a settings file into a workspace, creating the workspace if needed', async () => {
    const dir = tmpDir()
    const file = join(dir, 's.json')
    writeFileSync(file, JSON.stringify({ ...defaultSettings(), timezone: 'Europe/Paris' }))
    const db = join(dir, 'fresh.sqlite')
    const r = await cli('settings', 'import', file, '--db', db, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 's.json' })
    const opened = await openWorkspaceDb(db)
    expect(getSettings(opened).settings.timezone).toBe('Europe/Paris')
    opened.close()
  })

  it('refuses a bad settings file with one line naming the file and the problem, and changes nothing', async () => {
    const db = await workspaceWith('EUR')
    const file = join(dirname(db), 'bad.json')
    writeFileSync(file, JSON.stringify({ ...defaultSettings(), currency: 'EUR', fxRates: { USD: 0 } }))
    const r = await cli('settings', 'import', file, '--db', db)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('tandem: bad.json: fxRates.USD: must be more than 0')
    expect(r.stdout).toBe('')
    expect(JSON.parse((await cli('settings', 'export', '--db', db)).stdout).fxRates).toEqual(defaultSettings().fxRates)
  })

  it('writes the export to a file with --out', async () => {
    const db = await workspaceWith('GBP')
    const out = join(dirname(db), 'team.json')
    expect((await cli('settings', 'export', '--db', db, '--out', out)).code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).currency).toBe('GBP')
  })
})

describe('cli: backup', () => {
  it('writes a verified copy', async () => {
    const db = await workspaceWith('EUR')
    const out = join(dirname(db), 'copy.sqlite')
    const r = await cli('backup', '--db', db, '--out', out)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/verified/)
    const copy = new Database(out, { readonly: true })
    expect(JSON.parse((copy.prepare('SELECT doc FROM settings').get() as { doc: string }).doc).currency).toBe('EUR')
    copy.close()
  })

  it('does not overwrite an existing file', async () => {
    const db = await workspaceWith('EUR')
    const out = join(dirname(db), 'exists.sqlite')
    writeFileSync(out, 'keep me')
    const r = await cli('backup', '--db', db, '--out', out)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/already exists/)
    expect(readFileSync(out, 'utf8')).toBe('keep me')
  })
})

describe('cli: bad input', () => {
  it.each([
    [[], 2, /usage: tandem/],
    [['frobnicate'], 2, /^tandem: unknown command "frobnicate"/],
    [['settings', 'export'], 2, /--db <path> is required/],
    [['settings', 'export', '--db', 'x', '--bogus'], 2, /Unknown option '--bogus'/],
    [['settings', 'import', '--db', 'x'], 2, /takes one settings file/],
    [['backup', '--db', '/nonexistent/ws.sqlite', '--out', '/tmp/x.sqlite'], 1, /There is no workspace at \/nonexistent\/ws\.sqlite/],
  ])('%j exits %i with one line', async (argv, code, message) => {
    const r = await cli(...argv)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    if (code === 1) expect(r.stderr.split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
  })

  it('refuses a workspace from a newer Tandem, leaving it alone', async () => {
    const db = await workspaceWith('EUR')
    const raw = new Database(db)
    raw.pragma('user_version = 999')
    raw.close()
    const r = await cli('settings', 'export', '--db', db)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^tandem: ws\.sqlite was written by a newer version of Tandem/)
  })
})

describe('npm run cli', () => {
  it('works straight after npm install, with clean stdout for scripts', async () => {
    const db = await workspaceWith('EUR')
    // As a user would run it: not inheriting the log level of an outer `npm test --loglevel=…`.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}` }
    delete env['npm_config_loglevel']
    const ok = spawnSync('npm', ['run', 'cli', '--', 'settings', 'export', '--db', db], {
      cwd: join(__dirname, '../..'),
      env,
      encoding: 'utf8',
    })
    expect(ok.status).toBe(0)
    expect(JSON.parse(ok.stdout).currency).toBe('EUR') // nothing but the document on stdout
    const bad = spawnSync('npm', ['run', 'cli', '--', 'settings', 'export', '--db', join(dirname(db), 'missing.sqlite')], {
      cwd: join(__dirname, '../..'),
      env,
      encoding: 'utf8',
    })
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toMatch(/tandem: There is no workspace at/)
    expect(existsSync(join(dirname(db), 'missing.sqlite'))).toBe(false)
  })

  it('builds its bundle on first use (a fresh clone), again when a source changed, and not otherwise', () => {
    // Inside the project, where the bundle finds better-sqlite3 in node_modules as out/cli does.
    const out = join(ROOT, 'out', `cli-test-${process.pid}`)
    onTestFinished(() => rmSync(out, { recursive: true, force: true }))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`,
      TANDEM_CLI_OUT: out,
    }
    delete env['npm_config_loglevel']
    const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' })

    const first = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], { cwd: ROOT, env, encoding: 'utf8' })
    expect(first.status).toBe(0)
    expect(first.stderr).toMatch(/^tandem: building the command line/)
    expect(first.stderr).toContain('usage: tandem <command>')
    expect(existsSync(join(out, 'cli.js'))).toBe(true)

    const again = run('--help')
    expect(again.status).toBe(0)
    expect(again.stderr).toMatch(/^usage: tandem <command>/) // current: nothing built

    // A source whose size or time no longer matches what the bundle was made from makes it stale.
    const stampFile = join(out, 'inputs.json')
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { inputs: Record<string, [number, number]> }
    const source = Object.keys(stamp.inputs).find((p) => p.startsWith('src/main/cli'))
    expect(source).toBeDefined()
    stamp.inputs[source as string] = [0, 0]
    writeFileSync(stampFile, JSON.stringify(stamp))
    expect(run('--help').stderr).toMatch(/^tandem: building the command line/)

    // The fresh bundle's import runs its parse worker and import job from that folder (there is no
    // TypeScript beside them to fall back on).
    const dir = tmpDir()
    writeFileSync(join(dir, 'o.csv'), 'Opportunity ID,Stage,Amount,Close Date\n1,Closed Won,100,2025-01-05\n')
    const imported = run('import', join(dir, 'o.csv'), '--db', join(dir, 'ws.sqlite'), '--json')
    expect(imported.status).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ new: 1, rowsRead: 1 })
  })
})
