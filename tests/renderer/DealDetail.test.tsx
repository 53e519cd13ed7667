import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/renderer/src/App'
import { useStore } from '../../src/renderer/src/store'
import { undoBatch } from '../../src/main/db/repos/undo'
import { appPerTest } from './app-per-test'
import { importTable } from '../helpers/targets'
import { tmpDir } from '../helpers/tmp'

const current = appPerTest()

/** The deal a board link opens, over the Targets view, from the real targets:deal handler. */
async function seed(): Promise<{ id: number; batchId: number }> {
  const ws = { dir: tmpDir(), path: current().workspace.path, db: current().workspace.db }
  const opps = await importTable(
    ws,
    'opportunities',
    ['external_id', 'name', 'account', 'owner', 'stage', 'amount', 'currency', 'created_at', 'close_date', 'campaign'],
    [['OPP-7', 'Acme renewal', 'Acme GmbH', 'rep7', 'Negotiation', '12500.50', 'EUR', '2025-06-02', '2025-09-30', 'EMEA webinar']],
    'crm',
  )
  await importTable(
    ws,
    'leads',
    ['external_id', 'name', 'company', 'owner', 'handed_off_at', 'opportunity_id'],
    [['L-1', 'Ada Lovelace', 'Acme GmbH', 'sdr1', '2025-05-20 09:00', 'OPP-7']],
    'crm',
  )
  const { id } = ws.db.prepare("SELECT id FROM opportunities WHERE external_id = 'OPP-7'").get() as { id: number }
  return { id, batchId: opps.batchId! }
}

const fact = (facts: HTMLElement, term: string): string | null | undefined =>
  within(facts).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent

describe('deal detail (a board link to an opportunity)', () => {
  it('shows the deal with its amount in its currency and its leads, and opens a lead from it', async () => {
    const { id } = await seed()
    render(<App />)
    void useStore.getState().openDealDetail(id)
    const dialog = await screen.findByRole('dialog', { name: 'Acme renewal' })
    const facts = within(dialog).getByTestId('deal-facts')
    expect(fact(facts, 'Account')).toBe('Acme GmbH')
    expect(fact(facts, 'Stage')).toBe('Negotiation (open)')
    expect(fact(facts, 'Amount')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(12500.5))
    expect(fact(facts, 'Owner')).toBe('rep7')
    expect(fact(facts, 'Close date')).toMatch(/Sep 30, 2025|30 Sep 2025/)
    expect(fact(facts, 'Campaign')).toBe('EMEA webinar')
    expect(fact(facts, 'Lead source')).toBe('No lead source')
    const leads = within(dialog).getByTestId('deal-leads')
    expect(within(leads).getByRole('cell', { name: 'sdr1' })).toBeTruthy()
    fireEvent.click(within(leads).getByRole('button', { name: 'Ada Lovelace, Acme GmbH' }))
    await waitFor(() => expect(useStore.getState().view).toBe('handoff'))
    expect(screen.queryByRole('dialog', { name: 'Acme renewal' })).toBeNull()
    await waitFor(() => expect(useStore.getState().openLead?.externalId).toBe('L-1'))
  })

  it('says so in one line when the deal is no longer in the workspace', async () => {
    const { id, batchId } = await seed()
    undoBatch(current().workspace.db, batchId)
    render(<App />)
    void useStore.getState().openDealDetail(id)
    const dialog = await screen.findByRole('dialog', { name: 'Opportunity' })
    expect(within(dialog).getByRole('alert').textContent).toBe('This opportunity is no longer in the workspace (was its import undone?).')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })
})
