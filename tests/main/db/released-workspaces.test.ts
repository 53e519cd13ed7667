import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/connection'
import { tmpDir } from '../../helpers/tmp'

/**
 * Workspaces written by the Tandem that was released with each schema version (tests/fixtures/workspaces,
 * made by the old code's CLI from the CSV files in source/, not built here): opened by today's code they
 * upgrade, and every report over them gives exactly what today's code gives over a fresh import of the same
 * files with the same settings. See tests/fixtures/workspaces/README.md for how each was made.
 */
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/workspaces')
const SOURCE = join(FIXTURES, 'source')
const released = readdirSync(FIXTURES)
  .filter((f) => /^v\d+\.sqlite$/.test(f))
  .sort()

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

async function json(...argv: string[]): Promise<unknown> {
  const r = await cli(...argv, '--json')
  expect(r.stderr, argv.join(' ')).toBe('')
  expect(r.code, argv.join(' ')).toBe(0)
  return JSON.parse(r.stdout)
}

/** Every report a user can ask for, at fixed as-of times (so "now" never enters). */
async function reports(db: string): Promise<Record<string, unknown>> {
  return {
    targetsQ3: await json('report', 'targets', '--db', db, '--period', '2025-Q3', '--as-of', '2025-09-15'),
    targetsFY: await json('report', 'targets', '--db', db, '--period', 'FY2025', '--as-of', '2025-12-31'),
    handoff: await json('report', 'handoff', '--db', db, '--from', '2025-05-01', '--to', '2025-08-31', '--as-of', '2025-09-01T12:00:00'),
    funnel: await json('report', 'funnel', '--db', db, '--from', '2025-05-01', '--to', '2025-08-31', '--as-of', '2025-10-01T12:00:00'),
    campaigns: await json('report', 'campaigns', '--db', db, '--period', '2025-Q3', '--as-of', '2025-09-30'),
  }
}

/** The schema version in the file's header (bytes 60-63), read without opening it as a database, which
 * would leave -wal and -shm files beside the fixtures. */
const version = (path: string): number => readFileSync(path).readUInt32BE(60)

describe('released workspaces', () => {
  it('has a fixture of every released schema version', () => {
    // Versions 1-5 were made and replaced within the first session and never landed on main; 6 was the
    // first released schema, 8 the second (7 came and went with it). Add a fixture when a release ships a
    // new schema version.
    expect(released).toEqual(['v6.sqlite', 'v8.sqlite'])
    for (const f of released) expect(version(join(FIXTURES, f))).toBe(Number(f.slice(1, -7)))
  })

  for (const file of released) {
    it(`${file} upgrades to schema ${LATEST_SCHEMA_VERSION} with every report number intact`, async () => {
      const dir = tmpDir()
      const old = join(dir, file)
      copyFileSync(join(FIXTURES, file), old)

      const was = version(old)
      const upgraded = await reports(old)
      expect(version(old)).toBe(LATEST_SCHEMA_VERSION)
      if (was < LATEST_SCHEMA_VERSION) {
        // The upgrade kept a verified copy of the old file first.
        const backups = readdirSync(join(dir, file.replace('.sqlite', '.backups')))
        expect(backups.filter((f) => f.startsWith('backup-migration-') && f.endsWith('.sqlite'))).toHaveLength(1)
      }

      // Today's code over the same files and settings.
      const fresh = join(dir, 'fresh.sqlite')
      for (const kind of ['leads', 'opportunities', 'targets', 'spend']) {
        const r = await cli('import', join(SOURCE, `${kind}.csv`), '--db', fresh, '--kind', kind)
        expect(r.code, r.stderr).toBe(0)
      }
      const settings = join(dir, 'settings.json')
      expect((await cli('settings', 'export', '--db', old, '--out', settings)).code).toBe(0)
      expect(JSON.parse(readFileSync(settings, 'utf8')).timezone).toBe('Europe/Berlin') // the fixture's own setting survived
      expect((await cli('settings', 'import', settings, '--db', fresh)).code).toBe(0)

      expect(upgraded).toEqual(await reports(fresh))
      // The reports are not empty: the fixture holds the data they are computed from.
      expect(upgraded.targetsQ3).toMatchObject({ target: 240000, closedWon: 190000 })
    })
  }

  it('v8.sqlite keeps its meetings, frozen snapshots and carried items through the upgrade', async () => {
    const path = join(tmpDir(), 'v8.sqlite')
    copyFileSync(join(FIXTURES, 'v8.sqlite'), path)
    const read = (): { meetings: unknown[]; items: unknown[]; carries: unknown[] } => {
      const db = new Database(path, { readonly: true })
      try {
        return {
          meetings: db.prepare('SELECT id, title, held_on, started_at, ended_at, snapshot FROM meetings ORDER BY id').all(),
          items: db
            .prepare('SELECT id, title, owner, team, due_date, status, link_kind, link_id, link_label FROM action_items ORDER BY id')
            .all(),
          carries: db.prepare('SELECT * FROM action_carries ORDER BY 1').all(),
        }
      } finally {
        db.close()
      }
    }
    const before = read()
    expect(before.meetings).toHaveLength(2)
    expect(before.items).toHaveLength(3)
    expect(before.carries.length).toBeGreaterThan(0)

    await json('report', 'handoff', '--db', path) // any command opens, and so upgrades, the workspace
    expect(version(path)).toBe(LATEST_SCHEMA_VERSION)
    expect(read()).toEqual(before)
  })

  it('a workspace of a newer schema is refused and left byte for byte as it was', async () => {
    const path = join(tmpDir(), 'newer.sqlite')
    copyFileSync(join(FIXTURES, 'v8.sqlite'), path)
    const db = new Database(path)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const hash = (): string => createHash('sha256').update(readFileSync(path)).digest('hex')
    const before = hash()
    const r = await cli('report', 'targets', '--db', path, '--period', '2025-Q3')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/newer/i)
    expect(r.stdout).toBe('')
    expect(hash()).toBe(before)
  })
})
