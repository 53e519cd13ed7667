import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../../../src/shared/contract'
import { createLoopback, type Loopback } from '../../helpers/loopback'
import { importTable } from '../../helpers/targets'
import { tmpDir } from '../../helpers/tmp'

let loop: Loopback
let api: Api
beforeEach(async () => {
  loop = await createLoopback({ dir: tmpDir(), appUrl: 'http://tandem.test/' })
  api = loop.api()
})
afterEach(() => loop.close())

describe('roi channel', () => {
  it('serves the report of the period asked for, with what the period picker needs', async () => {
    const ws = { dir: tmpDir(), path: loop.workspace.path, db: loop.workspace.db }
    await importTable(ws, 'spend', ['campaign', 'period', 'amount'], [['Radio', '2025-08', '600']], 'sheet')
    await importTable(
      ws,
      'opportunities',
      ['external_id', 'stage', 'amount', 'close_date', 'campaign'],
      [['D1', 'Closed Won', '1800', '2025-08-10', 'radio']],
      'crm',
    )
    const r = await api.roi.report({ period: '2025-08', asOf: '2025-08-31' })
    if (!r.ok) throw new Error(r.message)
    expect(r.data).toMatchObject({
      period: '2025-08',
      asOf: '2025-08-31',
      dataRange: { start: '2025-08-10', end: '2025-08-10' },
      hasSpend: true,
    })
    expect(r.data.campaigns).toEqual([
      expect.objectContaining({ campaign: 'Radio', spend: 600, sourcedWon: 1800, wonDeals: 1, costPerWon: 600, roi: 2 }),
    ])
  })

  it('refuses a bad period or date before it reaches the service', async () => {
    expect(await api.roi.report({ period: '2025-13' })).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await api.roi.report({ asOf: '15/08/2025' })).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await api.roi.report({ period: '2025-08', extra: 1 } as never)).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(loop.errors).toEqual([])
  })
})
