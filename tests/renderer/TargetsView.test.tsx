import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/renderer/src/App'
import { editsOf, newRow, rowOf, type TargetEditorState } from '../../src/renderer/src/store/targets-slice'
import { listBatches } from '../../src/main/db/repos/imports'
import { targetsReport } from '../../src/main/metrics/targets'
import { getSettings } from '../../src/main/services/settings'
import type { TargetEntry } from '../../src/shared/targets'
import { appPerTest } from './app-per-test'
import { importOpportunities, importTargets } from '../helpers/targets'
import { tmpDir } from '../helpers/tmp'

const current = appPerTest()

async function seed(): Promise<void> {
  const ws = { dir: tmpDir(), path: current().workspace.path, db: current().workspace.db }
  await importOpportunities(ws, [
    ['A', 'Closed Won', '12000', 'USD', '2025-07-03', 'Webinar', null, null],
    ['B', 'Closed Won', '8000', 'USD', '2025-08-01', 'Outbound', null, null],
    ['C', 'Negotiation', '30000', 'USD', '2025-09-20', 'Partner Referral', null, null],
    ['D', 'Handshake', '5000', 'USD', '2025-09-21', 'Radio', null, null],
  ])
  await importTargets(ws, [['2025-Q3', '100000', null, null]])
}

async function showQ3(): Promise<void> {
  render(<App />)
  const select = (await screen.findByLabelText('Period')) as HTMLSelectElement
  fireEvent.change(select, { target: { value: '2025-Q3' } })
  await waitFor(() => expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('2025-Q3'))
  fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2025-08-15' } })
  await waitFor(() => expect((screen.getByLabelText('As of') as HTMLInputElement).value).toBe('2025-08-15'))
}

const tile = (name: string) => screen.getByTestId(`kpi-${name}`)

describe('Targets view: what the numbers cannot cover (issue #14, 1-2)', () => {
  it('names the months without a target, counts the deals without a close date and lists them in one click', async () => {
    const ws = { dir: tmpDir(), path: current().workspace.path, db: current().workspace.db }
    await importOpportunities(ws, [
      ['A', 'Closed Won', '12000', 'USD', '2025-07-03', 'Webinar', null, null],
      ['B', 'Closed Won', '8000', 'USD', '2025-08-01', 'Outbound', null, null],
      ['U1', 'Negotiation', '4000', 'USD', null, 'Webinar', null, null],
      ['U2', 'Negotiation', '6000', 'USD', null, 'Webinar', null, null],
    ])
    // A target for August and September only.
    await importTargets(ws, [
      ['2025-08', '10000', null, null],
      ['2025-09', '10000', null, null],
    ])
    await showQ3()
    const partial = await screen.findByTestId('partial-target')
    expect(partial.textContent).toMatch(/No target for Jul 2025: attainment, pace, gap and coverage are over Aug – Sep 2025/)
    await waitFor(() => expect(tile('closedWon').dataset['value']).toBe('8000'))
    const undated = screen.getByTestId('undated-deals')
    expect(undated.textContent).toContain('2 open deals ($10,000.00) have no close date')
    fireEvent.click(within(undated).getByRole('button', { name: 'List the open ones' }))
    const list = await screen.findByTestId('undated-list')
    expect(
      within(list)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelector('td')?.textContent),
    ).toEqual(['U2', 'U1'])
  })
})

describe('Targets view', () => {
  it('offers import and a first target in an empty workspace', async () => {
    render(<App />)
    expect(await screen.findByText('No opportunities yet')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Add a target' }))
    expect(await screen.findByRole('heading', { name: /Targets for FY\d{4}/ })).toBeTruthy()
    expect((screen.getByLabelText('Period of target 1') as HTMLInputElement).value).toMatch(/^\d{4}-Q[1-4]$/)
  })

  it('shows the numbers of the report for the period and as-of date picked', async () => {
    await seed()
    await showQ3()
    const expected = targetsReport(current().workspace.db, getSettings(current().workspace.db).settings, {
      period: '2025-Q3',
      asOf: '2025-08-15',
    }).metrics
    await waitFor(() => expect(tile('closedWon').dataset['value']).toBe(String(expected.closedWon)))
    expect(expected.closedWon).toBe(20000)
    for (const name of ['attainment', 'pace', 'gap', 'forecast', 'coverage'] as const) {
      expect(tile(name).dataset['value']).toBe(String(expected[name]))
    }
    expect(within(tile('pace')).getByText('Behind')).toBeTruthy()
    // Every tile names its metric with the glossary's definition.
    expect(within(tile('gap')).getByRole('tooltip').textContent).toContain('max(target − closed-won, 0)')
    // The previous quarter has no deals and no target: says so, and where the data is.
    fireEvent.click(screen.getByRole('button', { name: 'Previous quarter' }))
    expect(await screen.findByText(/No opportunity closes in 2025-Q2/)).toBeTruthy()
    expect(screen.getByTestId('no-target').textContent).toContain('No target for 2025-Q2')
  })

  it('switches between month, quarter and fiscal year around the as-of date', async () => {
    await seed()
    await showQ3()
    const period = () => (screen.getByLabelText('Period') as HTMLSelectElement).value
    fireEvent.click(screen.getByRole('button', { name: 'Month' }))
    await waitFor(() => expect(period()).toBe('2025-08'))
    expect(screen.getByRole('button', { name: 'Month' }).getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(screen.getByRole('button', { name: 'Next month' }))
    await waitFor(() => expect(period()).toBe('2025-09'))
    fireEvent.click(screen.getByRole('button', { name: 'Fiscal year' }))
    await waitFor(() => expect(period()).toBe('FY2025'))
    // The as-of date stays as picked until "Today" puts it back.
    expect((screen.getByLabelText('As of') as HTMLInputElement).value).toBe('2025-08-15')
    fireEvent.click(screen.getByRole('button', { name: /^Today/ }))
    await waitFor(() => expect((screen.getByLabelText('As of') as HTMLInputElement).value).not.toBe('2025-08-15'))
  })

  it('lists unmapped values and adds them to Settings for mapping', async () => {
    await seed()
    await showQ3()
    const warning = await screen.findByTestId('unmapped-warning')
    expect(warning.textContent).toContain('Handshake')
    expect(warning.textContent).toContain('Radio')
    fireEvent.click(within(warning).getByRole('button', { name: 'Map them in Settings' }))
    expect(await screen.findByRole('heading', { name: 'Deal stages' })).toBeTruthy()
    const stages = screen.getAllByLabelText(/^Stage \d+$/) as HTMLInputElement[]
    expect(stages[stages.length - 1]!.value).toBe('Handshake')
    const sources = screen.getAllByLabelText(/^Lead source \d+$/) as HTMLInputElement[]
    expect(sources[sources.length - 1]!.value).toBe('Radio')
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeTruthy()
  })

  it('saves edited targets as one batch, and says what to fix first', async () => {
    await seed()
    await showQ3()
    fireEvent.click(await screen.findByRole('button', { name: 'Edit targets' }))
    await screen.findByRole('heading', { name: 'Targets for FY2025' })
    fireEvent.click(screen.getByRole('button', { name: 'Add a target' }))
    fireEvent.change(screen.getByLabelText('Period of target 2'), { target: { value: '2025-13' } })
    fireEvent.change(screen.getByLabelText('Amount of target 2'), { target: { value: '40000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save targets' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Row 2: "2025-13" is not a period')
    expect(listBatches(current().workspace.db)).toHaveLength(2) // the two imports only
    fireEvent.change(screen.getByLabelText('Period of target 2'), { target: { value: '2025-Q3' } })
    fireEvent.change(screen.getByLabelText('What target 2 is for'), { target: { value: 'bookings' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save targets' }))
    expect(await screen.findByText(/Targets saved as import #3/)).toBeTruthy()
    expect(listBatches(current().workspace.db)[0]).toMatchObject({ id: 3, fileName: 'Edited in Tandem', new: 1 })
    expect((await screen.findByTestId('team-salesBookings')).textContent).toContain('$40K')
  })
})

describe('editsOf', () => {
  const entry = (period: string, amount: number, extra: Partial<TargetEntry> = {}): TargetEntry => ({
    period,
    team: '',
    segment: '',
    amount,
    currency: 'USD',
    sourceSystem: 'budget',
    batchId: 1,
    ...extra,
  })

  it('sends only what changed: edits, new rows and removals', () => {
    const loaded = [
      entry('2025-07', 100),
      entry('2025-08', 200),
      entry('2025-09', 300, { currency: 'EUR' }),
      entry('2025-Q3', 50, { team: 'marketing', segment: 'mql' }),
    ]
    const rows = loaded.map(rowOf)
    rows[0]!.amount = '150'
    rows.splice(1, 1) // 2025-08 removed
    const added = { ...newRow('2025-Q3'), kind: 'bookings' as const, amount: '999' }
    const editor: TargetEditorState = { fiscalYear: 'FY2025', loaded, rows: [...rows, added] }
    expect(editsOf(editor)).toEqual({
      problems: [],
      edits: [
        { period: '2025-07', team: '', segment: '', amount: '150' },
        { period: '2025-Q3', team: 'sales', segment: '', amount: '999' },
        { period: '2025-08', team: '', segment: '', amount: null },
      ],
    })
  })

  it('moves a target whose period changes, and refuses two rows for the same target', () => {
    const loaded = [entry('2025-07', 100)]
    const moved = { ...rowOf(loaded[0]!), period: '2025-10' }
    expect(editsOf({ fiscalYear: 'FY2025', loaded, rows: [moved] }).edits).toEqual([
      { period: '2025-10', team: '', segment: '', amount: '100' },
      { period: '2025-07', team: '', segment: '', amount: null },
    ])
    const twice = {
      fiscalYear: 'FY2025',
      loaded: [],
      rows: [
        { ...newRow('2025-07'), amount: '1' },
        { ...newRow('2025-07'), amount: '2' },
      ],
    }
    expect(editsOf(twice).problems).toEqual(['Row 2: the same target as row 1.'])
  })
})
