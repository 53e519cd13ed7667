import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/result'
import { leadQuery } from '../../../src/shared/handoff'
import { handoffMetrics } from '../../../src/main/metrics/handoff'
import { createLoopback, type Loopback } from '../../helpers/loopback'
import { insertLeads } from '../../helpers/leads'
import { tmpDir } from '../../helpers/tmp'

let loop: Loopback
let api: Api
beforeEach(async () => {
  loop = await createLoopback({ dir: tmpDir(), appUrl: 'http://tandem.test/' })
  api = loop.api()
})
afterEach(() => loop.close())

function data<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
  return r.data
}

const T = Date.parse('2025-08-15T16:00:00.000Z')
const before = (h: number): string => new Date(T - h * 3_600_000).toISOString()

describe('handoff channels', () => {
  it('serve the overview, the table and a lead from the real handlers', async () => {
    insertLeads(loop.workspace.db, [
      { external_id: 'x1', name: 'Xena', grade: 'A', owner: 'Ana', handed_off_at: before(6) },
      { external_id: 'x2', grade: 'B', owner: 'Ben', handed_off_at: before(3), first_touch_at: before(1) },
    ])
    const o = data(await api.handoff.overview({ asOf: '2025-08-15T12:00:00', from: null, to: null }))
    expect(handoffMetrics(o)).toMatchObject({ backlog: 1, breached: 1, medianHoursToFirstTouch: 2 })
    const page = data(
      await api.handoff.leads({
        asOf: '2025-08-15T12:00:00',
        sort: 'status',
        descending: false,
        owner: null,
        grade: null,
        source: null,
        status: null,
        search: '',
        offset: 0,
        limit: 50,
      }),
    )
    expect(page.rows.map((r) => [r.externalId, r.status])).toEqual([
      ['x1', 'breached'],
      ['x2', 'worked'],
    ])
    const lead = data(await api.handoff.lead(page.rows[0]!.id, '2025-08-15T12:00:00'))
    expect(lead.events.map((e) => e.kind)).toEqual(['handedOff'])
    expect(data(await api.handoff.facets())).toEqual({ owners: ['Ana', 'Ben'], grades: ['A', 'B'], sources: [''] })
    expect(data(await api.handoff.trends('2025-08-15T12:00:00'))).toHaveLength(12)
  })

  it('refuse bad arguments and unknown leads with one line', async () => {
    const bad = await api.handoff.leads(leadQuery(null, { sort: 'DROP TABLE leads' as 'name', limit: 50 }))
    expect(bad).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await api.handoff.overview({ asOf: 'soon', from: null, to: null })).toMatchObject({
      ok: false,
      code: 'BAD_ARGS',
      message: 'as-of "soon" is not a date and time (write 2025-08-15T12:00:00 or 2025-08-15)',
    })
    expect(await api.handoff.lead(4242, null)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await api.handoff.setMqlTarget('2025-13', 10)).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(loop.errors).toEqual([])
  })

  it('keep MQL targets per month', async () => {
    expect(data(await api.handoff.setMqlTarget('2025-08', 300))).toEqual([{ month: '2025-08', mqls: 300 }])
    expect(data(await api.handoff.setMqlTarget('2025-09', 320))).toHaveLength(2)
    expect(data(await api.handoff.setMqlTarget('2025-08', null))).toEqual([{ month: '2025-09', mqls: 320 }])
  })
})
