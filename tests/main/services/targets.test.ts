import { describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { listBatches } from '../../../src/main/db/repos/imports'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { targetsReport } from '../../../src/main/metrics/targets'
import { getSettings, saveSettings } from '../../../src/main/services/settings'
import { TargetsService, listTargets, reportQuery, saveTargets } from '../../../src/main/services/targets'
import { WorkspaceManager } from '../../../src/main/services/workspace'
import type { TargetEdit } from '../../../src/shared/targets'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'
import { importTargets } from '../../helpers/targets'
import { tmpDir } from '../../helpers/tmp'

const target = (ws: TestWorkspace, period: string) => targetsReport(ws.db, getSettings(ws.db).settings, { period, asOf: '2025-08-01' })
const save = (ws: TestWorkspace, edits: TargetEdit[]) =>
  saveTargets(ws.db, getSettings(ws.db).settings, edits, new Date('2025-08-01T12:00:00Z'))
const joint = (period: string, amount: string | null): TargetEdit => ({ period, team: '', segment: '', amount })

describe('target editor', () => {
  it('saves edits as one undoable batch in the import history', async () => {
    const ws = await testWorkspace()
    const outcome = save(ws, [
      joint('2025-07', '30000'),
      joint('2025-08', '30000.50'),
      { period: '2025-Q3', team: 'marketing', segment: 'MQL', amount: '250' },
    ])
    expect(outcome).toMatchObject({ new: 3, changed: 0, unchanged: 0 })
    const [batch] = listBatches(ws.db)
    expect(batch).toMatchObject({
      id: outcome.batchId,
      kind: 'targets',
      sourceSystem: 'tandem',
      fileName: 'Edited in Tandem',
      new: 3,
      undoneAt: null,
    })
    const r = target(ws, '2025-Q3')
    expect(r.metrics.target).toBe(60000.5)
    expect(r.teams.mqls.target).toBe(250)

    const second = save(ws, [joint('2025-07', '35000'), joint('2025-08', '30000.50')])
    expect(second).toMatchObject({ new: 0, changed: 1, unchanged: 1 })
    expect(target(ws, '2025-Q3').metrics.target).toBe(65000.5)

    // Undo the newest first (the older batch wrote rows the newer one changed).
    expect(() => undoBatch(ws.db, outcome.batchId!)).toThrow(/Undo import #2 \(Edited in Tandem\) first/)
    undoBatch(ws.db, second.batchId!)
    expect(target(ws, '2025-Q3').metrics.target).toBe(60000.5)
    undoBatch(ws.db, outcome.batchId!)
    expect(target(ws, '2025-Q3').hasTarget).toBe(false)
  })

  it('overrides and removes imported targets until the edit is undone', async () => {
    const ws = await testWorkspace()
    await importTargets(ws, [
      ['2025-07', '10000', null, null],
      ['2025-08', '20000', null, null],
    ])
    const edit = save(ws, [joint('2025-07', '12000'), joint('2025-08', null)])
    expect(edit).toMatchObject({ new: 2 })
    expect(target(ws, '2025-07').metrics.target).toBe(12000)
    expect(target(ws, '2025-08').hasTarget).toBe(false)
    expect(listTargets(ws.db, 'FY2025', 1).map((e) => [e.period, e.amount, e.sourceSystem])).toEqual([['2025-07', 12000, 'tandem']])
    undoBatch(ws.db, edit.batchId!)
    expect(target(ws, '2025-08').metrics.target).toBe(20000)
    expect(listTargets(ws.db, 'FY2025', 1).map((e) => [e.period, e.amount, e.sourceSystem])).toEqual([
      ['2025-07', 10000, 'budget'],
      ['2025-08', 20000, 'budget'],
    ])
  })

  it('writes nothing when nothing changes', async () => {
    const ws = await testWorkspace()
    await importTargets(ws, [['2025-07', '10000', null, null]])
    const before = listBatches(ws.db).length
    // The same amount, and removing a target that does not exist, change nothing.
    expect(save(ws, [joint('2025-07', '10,000.00'), joint('2025-09', null)])).toEqual({ batchId: null, new: 0, changed: 0, unchanged: 2 })
    expect(listBatches(ws.db)).toHaveLength(before)
  })

  it.each([
    [[joint('2025-07', '-5')], /2025-07 joint: a target cannot be negative/],
    [[joint('2025-07', 'lots')], /2025-07 joint: "lots" is not an amount/],
    [[joint('2025-07', '€500')], /targets are edited in USD, not EUR/],
    [[{ period: '2025-07', team: 'marketing', segment: 'mql', amount: '12.5' }], /an MQL target is a whole number of leads/],
    [[{ period: '2025-07', team: 'sales', segment: 'mql', amount: '12' }], /an MQL target belongs to the marketing team/],
    [[joint('2025-07', '1'), joint('2025-07', '2')], /edited twice/],
    [[joint('2025-7', '1')], /"2025-7" is not a period/],
  ] as [TargetEdit[], RegExp][])('refuses %j with one line, writing nothing', async (edits, message) => {
    const ws = await testWorkspace()
    expect(() => save(ws, edits)).toThrow(message)
    expect(listBatches(ws.db)).toHaveLength(0)
  })

  it('lists the targets of a fiscal year in period order', async () => {
    const ws = await testWorkspace()
    saveSettings(ws.db, { ...getSettings(ws.db).settings, fiscalYearStartMonth: 4 })
    await importTargets(ws, [
      ['2025-05', '500', 'sales', null],
      ['FY2026', '9000', null, null],
      ['2025-04', '400', null, 'Furniture'],
      ['2026-Q1', '1000', null, null],
      ['2026-04', '999', null, null], // FY2027
    ])
    const entries = listTargets(ws.db, 'FY2026', 4)
    expect(entries.map((e) => `${e.period} ${e.team}/${e.segment} ${e.amount}`)).toEqual([
      'FY2026 / 9000',
      '2026-Q1 / 1000',
      '2025-04 /Furniture 400',
      '2025-05 sales/ 500',
    ])
  })
})

describe('TargetsService', () => {
  it('reports this quarter as of today in the workspace time zone by default, and tells views after a save', async () => {
    const workspace = new WorkspaceManager()
    await workspace.open(join(tmpDir(), 'ws.sqlite'), { create: true })
    const dataChanged = vi.fn()
    const service = new TargetsService(workspace, { dataChanged })
    // 03:00 UTC on 1 October is still 30 September in New York: the third quarter.
    const r = service.report({}, new Date('2025-10-01T03:00:00Z'))
    expect([r.period, r.asOf]).toEqual(['2025-Q3', '2025-09-30'])
    expect(reportQuery(getSettings(workspace.db).settings, { period: 'FY2024' }, new Date('2025-10-01T12:00:00Z'))).toEqual({
      period: 'FY2024',
      asOf: '2025-10-01',
    })
    service.save([joint('2025-07', '100')])
    expect(dataChanged).toHaveBeenCalledTimes(1)
    service.save([joint('2025-07', '100')])
    expect(dataChanged).toHaveBeenCalledTimes(1)
    expect(service.list('2025-08')).toMatchObject({ fiscalYear: 'FY2025', entries: [{ period: '2025-07', amount: 100 }] })
    workspace.close()
  })
})
