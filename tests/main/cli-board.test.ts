import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { tmpDir } from '../helpers/tmp'

async function workspace(): Promise<string> {
  const path = join(tmpDir(), 'ws.sqlite')
  ;(await openWorkspaceDb(path, { create: true })).close()
  return path
}

const json = (r: { stdout: string }): Record<string, unknown> => JSON.parse(r.stdout) as Record<string, unknown>

describe('cli: meeting, action, report board, minutes', () => {
  it('runs a meeting from start to end and reports the board as one JSON document', async () => {
    const db = await workspace()
    const started = await cli('meeting', 'start', '--db', db, '--title', 'Weekly', '--at', '2025-08-15T10:00', '--json')
    expect(started.code).toBe(0)
    const meeting = json(started)
    expect(meeting).toMatchObject({ title: 'Weekly', scheduledAt: '2025-08-15T10:00', state: 'in_progress', snapshot: { sinceLast: null } })

    const added = json(
      await cli('action', 'add', '--db', db, '--title', 'Call Lena', '--owner', 'Ana', '--team', 'sales', '--due', '2025-08-01', '--json'),
    )
    expect(added).toMatchObject({ title: 'Call Lena', owner: 'Ana', team: 'sales', dueDate: '2025-08-01', status: 'todo' })
    const other = json(await cli('action', 'add', '--db', db, '--title', 'Webinar recap', '--team', 'marketing', '--json'))
    const set = await cli('action', 'set', String(other['id']), '--db', db, '--status', 'done', '--json')
    expect(json(set)).toMatchObject({ status: 'done' })

    const ended = await cli('meeting', 'end', String(meeting['id']), '--db', db, '--json')
    expect(json(ended)).toMatchObject({ carried: 1, next: { state: 'planned' } })

    const report = await cli('report', 'board', '--db', db, '--as-of', '2025-08-20', '--json')
    expect(report.code).toBe(0)
    const r = json(report)
    expect(r).toMatchObject({
      open: 1,
      overdue: 1,
      carried: 1,
      byTeam: { sales: { open: 1, overdue: 1, doneOnTime: 0, doneLate: 0, carriedTwiceOrMore: 0 }, marketing: { open: 0, doneOnTime: 1 } },
      byOwner: { Ana: { open: 1, overdue: 1 }, '': { doneOnTime: 1 } },
      meeting: { id: meeting['id'], state: 'ended' },
      sinceLast: null,
    })
    expect(r['snapshot']).toEqual(meeting['snapshot'])

    const md = await cli('minutes', String(meeting['id']), '--db', db, '--format', 'md')
    expect(md.stdout).toContain('# Weekly')
    expect(md.stdout).toContain('- Call Lena: carried over 1 time')
    const out = join(tmpDir(), 'items.csv')
    expect((await cli('minutes', String(meeting['id']), '--db', db, '--format', 'csv', '--out', out)).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toMatch(/^id,title,owner/)
  })

  it('refuses bad input with a one-line reason and a non-zero status', async () => {
    const db = await workspace()
    const noTitle = await cli('action', 'add', '--db', db, '--title', '  ')
    expect(noTitle).toMatchObject({ code: 1, stderr: 'tandem: An action item needs a title.' })
    const badDue = await cli('action', 'add', '--db', db, '--title', 'x', '--due', 'friday')
    expect(badDue).toMatchObject({ code: 1, stderr: 'tandem: Due date "friday" is not a date (write YYYY-MM-DD).' })
    expect((await cli('action', 'add', '--db', db, '--title', 'x', '--team', 'finance')).code).toBe(2)
    const m = json(await cli('meeting', 'start', '--db', db, '--json'))
    expect((await cli('meeting', 'end', String(m['id']), '--db', db)).code).toBe(0)
    const twice = await cli('meeting', 'end', String(m['id']), '--db', db)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/^tandem: .* has already ended; a meeting is ended once\.$/)
    expect((await cli('report', 'board', '--db', db, '--as-of', 'someday', '--json')).stderr).toBe(
      'tandem: as-of "someday" is not a date (write YYYY-MM-DD).',
    )
    expect((await cli('minutes', '1', '--db', db, '--format', 'pdf')).code).toBe(2)
  })

  it('links an item to a metric or to an opportunity by its CRM id, and refuses what it cannot link', async () => {
    const db = await workspace()
    const pace = json(await cli('action', 'add', '--db', db, '--title', 'Get pace back', '--link', 'metric:pace', '--json'))
    expect(pace).toMatchObject({ link: { kind: 'metric', id: 'pace', label: 'Pace' } })
    const csv = join(tmpDir(), 'opportunities.csv')
    writeFileSync(csv, 'Opportunity ID,Opportunity Name,Stage\n006A1,Acme renewal,Negotiation\n')
    expect((await cli('import', csv, '--db', db, '--kind', 'opportunities', '--json')).code).toBe(0)
    const deal = json(await cli('action', 'add', '--db', db, '--title', 'Chase Acme', '--link', 'opportunity:006A1', '--json'))
    expect(deal).toMatchObject({ link: { kind: 'opportunity', label: 'Acme renewal' } })
    const unknown = await cli('action', 'add', '--db', db, '--title', 'Chase', '--link', 'opportunity:nope')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/no opportunity with the CRM id "nope"/)
    const badMetric = await cli('action', 'add', '--db', db, '--title', 'X', '--link', 'metric:revenue')
    expect(badMetric.code).toBe(1)
    expect(badMetric.stderr).toMatch(/"revenue" is not a metric/)
    expect((await cli('action', 'add', '--db', db, '--title', 'X', '--link', 'pace')).code).toBe(2)
    const report = json(await cli('report', 'board', '--db', db, '--json'))
    expect(report['open']).toBe(2)
  })
})
