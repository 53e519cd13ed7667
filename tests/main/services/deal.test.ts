import { describe, expect, it } from 'vitest'
import { dealById, leadsOfDeal } from '../../../src/main/db/repos/deals'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { TargetsService } from '../../../src/main/services/targets'
import { WorkspaceManager } from '../../../src/main/services/workspace'
import { join } from 'node:path'
import type { TestWorkspace } from '../../helpers/import'
import { importTable } from '../../helpers/targets'
import { tmpDir } from '../../helpers/tmp'

/** The deal a board item's link opens (targets:deal): its facts, its leads, and a clear refusal once it is gone. */

const OPP_HEADER = [
  'external_id',
  'name',
  'account',
  'owner',
  'stage',
  'amount',
  'currency',
  'created_at',
  'close_date',
  'campaign',
  'lead_source',
  'lead_id',
]
const LEAD_HEADER = ['external_id', 'name', 'company', 'owner', 'handed_off_at', 'opportunity_id']

async function workspace(): Promise<{ ws: TestWorkspace; service: TargetsService; oppBatch: number }> {
  const dir = tmpDir()
  const manager = new WorkspaceManager()
  await manager.open(join(dir, 'ws.sqlite'), { create: true })
  const ws: TestWorkspace = { dir, path: join(dir, 'ws.sqlite'), db: manager.db }
  const opps = await importTable(
    ws,
    'opportunities',
    OPP_HEADER,
    [
      [
        'OPP-1',
        'Acme renewal',
        'Acme GmbH',
        'rep7',
        'Negotiation',
        '12500.50',
        'EUR',
        '2025-06-02',
        '2025-09-30',
        'EMEA webinar',
        'Marketing',
        'L-9',
      ],
      ['OPP-2', 'Tokyo rollout', 'Kaisha KK', 'rep3', 'Closed Won', '1500000', 'JPY', '2025-05-01', '2025-08-15', null, null, null],
      ['OPP-3', null, null, null, 'Mystery stage', null, null, null, null, null, null, null],
    ],
    'crm',
  )
  await importTable(
    ws,
    'leads',
    LEAD_HEADER,
    [
      // Names OPP-1 as its opportunity.
      ['L-1', 'Ada Lovelace', 'Acme GmbH', 'sdr1', '2025-05-20 09:00', 'OPP-1'],
      // Named by OPP-1 as its lead (and names nothing itself).
      ['L-9', 'Grace Hopper', 'Acme GmbH', 'sdr2', '2025-05-10 23:30', null],
      ['L-2', 'Unrelated', 'Other Inc', 'sdr1', '2025-05-21 10:00', 'OPP-2'],
      ['L-3', 'Never handed off', null, null, null, 'OPP-1'],
    ],
    'crm',
  )
  return { ws, service: new TargetsService(manager, { dataChanged: () => undefined }), oppBatch: opps.batchId! }
}

const idOf = (ws: TestWorkspace, externalId: string): number =>
  (ws.db.prepare('SELECT id FROM opportunities WHERE external_id = ?').get(externalId) as { id: number }).id

describe('deal detail', () => {
  it('shows the deal with its amount in its own currency and the leads on either side of the link', async () => {
    const { ws, service } = await workspace()
    const deal = service.deal(idOf(ws, 'OPP-1'))
    expect(deal).toMatchObject({
      externalId: 'OPP-1',
      sourceSystem: 'crm',
      name: 'Acme renewal',
      account: 'Acme GmbH',
      owner: 'rep7',
      stage: 'Negotiation',
      category: 'open',
      amount: 12500.5,
      currency: 'EUR',
      currencyAssumed: false,
      closeDate: '2025-09-30',
      campaign: 'EMEA webinar',
      leadSource: 'Marketing',
      leadsTotal: 3,
    })
    expect(deal.createdAt?.slice(0, 10)).toBe('2025-06-02')
    // Oldest handoff first; handoff dates are local to the workspace zone (New York); never handed off last.
    expect(deal.leads.map((l) => [l.externalId, l.name, l.owner, l.handedOffOn])).toEqual([
      ['L-9', 'Grace Hopper', 'sdr2', '2025-05-10'],
      ['L-1', 'Ada Lovelace', 'sdr1', '2025-05-20'],
      ['L-3', 'Never handed off', null, null],
    ])

    const yen = service.deal(idOf(ws, 'OPP-2'))
    expect(yen).toMatchObject({ amount: 1500000, currency: 'JPY', category: 'won', campaign: null, leadsTotal: 1 })
    expect(yen.leads.map((l) => l.externalId)).toEqual(['L-2'])
  })

  it('names what the export left out instead of inventing it', async () => {
    const { ws, service } = await workspace()
    expect(service.deal(idOf(ws, 'OPP-3'))).toMatchObject({
      name: null,
      account: null,
      owner: null,
      amount: null,
      currency: 'USD',
      currencyAssumed: true,
      category: null,
      closeDate: null,
      leads: [],
      leadsTotal: 0,
    })
  })

  it('refuses a deal whose import was undone with one line, and an id that never existed', async () => {
    const { ws, service, oppBatch } = await workspace()
    const id = idOf(ws, 'OPP-1')
    undoBatch(ws.db, oppBatch)
    expect(dealById(ws.db, id)).toBeUndefined()
    expect(() => service.deal(id)).toThrow(/^This opportunity is no longer in the workspace \(was its import undone\?\)\.$/)
    expect(() => service.deal(999_999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('pages the linked leads and still counts them all', async () => {
    const { ws } = await workspace()
    const { rows, total } = leadsOfDeal(ws.db, 'OPP-1', 'L-9', 2)
    expect(rows.map((r) => r.externalId)).toEqual(['L-9', 'L-1'])
    expect(total).toBe(3)
  })
})
