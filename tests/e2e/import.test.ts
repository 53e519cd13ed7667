import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './harness/app'
import { dropFile as dropOn } from './harness/drop'
import { tmpDir } from '../helpers/tmp'
import { writeCsv } from '../helpers/import'

let app: RunningApp

beforeAll(async () => {
  app = await startApp({ height: 1000 })
})

afterAll(async () => {
  await app?.close()
})

/** Drops a file on the drop zone the way a user drags one from the desktop. */
const dropFile = (name: string, bytes: Buffer): Promise<void> => dropOn(app.page, name, bytes)

const count = (kind: string) => app.page.getByTestId(`count-${kind}`)

describe('import in Chromium', () => {
  it('drops a CRM export, maps it, previews the changes, commits, and undoes', async () => {
    const dir = tmpDir()
    const file = writeCsv(dir, 'Opportunity Report.csv', [
      ['Opportunity Report'],
      ['Generated 2025-09-30'],
      ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date', 'Lead Source', 'Opportunity Owner'],
      ['006A1', 'Acme renewal', 'Closed Won', '$12,500.00', '08/14/2025', 'Webinar', 'Ana Ortiz'],
      ['006A2', 'Globex expansion', 'Negotiation', '$40,000.00', '09/30/2025', 'Outbound', 'Ben Li'],
      ['006A3', 'Initech', 'Closed Lost', '$3,000.00', '07/02/2025', 'Partner Referral', 'Ana Ortiz'],
      ['006A4', 'Umbrella', 'Prospecting', 'call me', '10/15/2025', 'Web', 'Ben Li'],
      ['', 'Grand Total', '', '$55,500.00', '', '', ''],
    ])
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click()
    await dropFile('Opportunity Report.csv', readFileSync(file))

    await app.page.getByRole('heading', { name: 'How to read this file' }).waitFor()
    expect(await app.page.getByLabel('The file holds').inputValue()).toBe('opportunities')
    expect(await app.page.getByLabel('Header row').inputValue()).toBe('3')
    expect(await app.page.getByLabel('Column for Stage').inputValue()).toBe('2')
    // The live preview shows the mapped first rows, and the invalid one with its reason.
    const live = app.page.getByRole('table', { name: 'Mapped preview' })
    await live.getByText('Acme renewal').waitFor()
    await live.getByText(/Amount "call me"/).waitFor()
    await app.screenshot('import-mapping')

    await app.page.getByRole('button', { name: 'Check the whole file' }).click()
    await app.page.getByRole('heading', { name: /What importing Opportunity Report\.csv will change/ }).waitFor()
    expect(await count('new').textContent()).toBe('3')
    expect(await count('invalid').textContent()).toBe('2')
    const problems = app.page.getByRole('table', { name: 'Invalid rows' })
    await problems.getByText('call me').waitFor()
    await problems
      .getByText(/no Opportunity ID/)
      .first()
      .waitFor()
    // Nothing has been written by the preview.
    expect(app.loop.workspace.db.prepare('SELECT count(*) AS n FROM opportunities').get()).toEqual({ n: 0 })
    await app.screenshot('import-preview')

    // The invalid rows can be saved as CSV.
    const saved = join(dir, 'invalid.csv')
    app.loop.dialogs.answers.push(saved)
    await app.page.getByRole('button', { name: 'Save invalid rows as CSV…' }).click()
    await app.page.getByText('Invalid rows saved to invalid.csv.').waitFor()
    expect(readFileSync(saved, 'utf8')).toContain('call me')

    await app.page.getByRole('button', { name: 'Import 3 rows' }).click()
    await app.page.getByRole('heading', { name: /Imported Opportunity Report\.csv as opportunities \(import #1\)/ }).waitFor()
    expect(app.loop.workspace.db.prepare('SELECT count(*) AS n FROM opportunities').get()).toEqual({ n: 3 })
    const history = app.page.getByRole('table', { name: 'Import history' })
    await history.getByText('Opportunity Report.csv').waitFor()
    // The history shows how each batch was read.
    await history.getByRole('button', { name: 'Opportunity Report.csv' }).click()
    await app.page.getByRole('list', { name: 'Mapping of import 1' }).getByText('Stage ← C: Stage').waitFor()
    await app.screenshot('import')

    await history.getByRole('button', { name: 'Undo…' }).click()
    await history.getByRole('button', { name: 'Undo import' }).click()
    await app.page.getByText(/Import #1 undone: 3 rows removed/).waitFor()
    expect(app.loop.workspace.db.prepare('SELECT count(*) AS n FROM opportunities').get()).toEqual({ n: 0 })
    await history.getByText(/^Undone/).waitFor()
    // The page named the dropped file only by its handle: no call it made carries a path.
    expect(app.calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['import:inspect', 'import:preview', 'import:commit']))
    for (const c of app.calls) expect(c.body, c.channel).not.toContain(tmpdir())
    const inspected = app.calls.find((c) => c.channel === 'import:inspect')!
    expect(JSON.parse(inspected.body)).toEqual([expect.stringMatching(/^fh_/)])
  })

  it('asks for the date order when the dates could be read both ways', async () => {
    const dir = tmpDir()
    const file = writeCsv(dir, 'leads.csv', [
      ['Lead ID', 'Name', 'Lead Source', 'MQL Date'],
      ['L1', 'Ann', 'Webinar', '03/04/2025'],
      ['L2', 'Bob', 'Web', '05/06/2025'],
    ])
    await app.page.getByRole('button', { name: 'Import another file' }).click()
    await dropFile('leads.csv', readFileSync(file))
    await app.page.getByRole('heading', { name: 'How to read this file' }).waitFor()
    await app.page.getByText(/could be read either way/).waitFor()
    expect(await app.page.getByRole('button', { name: 'Check the whole file' }).isDisabled()).toBe(true)
    await app.page.getByLabel('Day/month/year (31/03/2024)').check()
    expect(await app.page.getByRole('button', { name: 'Check the whole file' }).isEnabled()).toBe(true)
  })

  it('refuses a file that is not a spreadsheet, with one line', async () => {
    await app.page.getByRole('button', { name: 'Start over' }).click()
    await dropFile('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    await app.page
      .getByTestId('import-error')
      .getByText(/^photo\.csv: is a PNG image/)
      .waitFor()
  })

  it('made no request outside the app and logged no console error', () => {
    expect(app.outsideRequests()).toEqual([])
    expect(app.consoleErrors).toEqual([])
    expect(app.loop.errors).toEqual([])
  })
})
