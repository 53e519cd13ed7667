import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { saveSettings } from '../../../src/main/services/settings'
import { defaultSettings } from '../../../src/shared/settings'
import { importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'
import { writeXlsx } from '../../helpers/xlsx-writer'

let ws: TestWorkspace
afterEach(() => ws?.db.close())

const TEXT =
  'Opportunity ID,Opportunity Name,Stage,Amount,Close Date\r\n0042,Café Müller,Closed Won,€1.234,2025-03-01\r\n0043,"Smith, Jones & Co",Negotiation,500,2025-04-01\r\n'

/** Windows-1252 bytes of text made of ASCII, é, ü and € only. */
function cp1252(text: string): Buffer {
  const map: Record<string, number> = { é: 0xe9, ü: 0xfc, '€': 0x80 }
  return Buffer.from([...text].map((ch) => map[ch] ?? ch.charCodeAt(0)))
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le')
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number]
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le])
}

const stored = () => ws.db.prepare('SELECT external_id, name, amount_minor, currency FROM opportunities ORDER BY external_id').all()

describe('encodings and delimiters', () => {
  it.each([
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['utf-8 without BOM', Buffer.from(TEXT, 'utf8')],
    ['utf-16 LE (Excel "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['utf-16 BE', utf16be(TEXT)],
    ['windows-1252', cp1252(TEXT)],
  ])('reads %s the same way, keeping leading zeros and accents', async (_name, bytes) => {
    ws = await testWorkspace()
    const path = join(ws.dir, 'opps.csv')
    writeFileSync(path, bytes)
    expect(await importFile(ws, path)).toMatchObject({ new: 2, invalid: 0 })
    expect(stored()).toEqual([
      { external_id: '0042', name: 'Café Müller', amount_minor: 123400, currency: 'EUR' },
      { external_id: '0043', name: 'Smith, Jones & Co', amount_minor: 50000, currency: 'USD' },
    ])
  })

  it.each([
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('reads European numbers and dates separated by %j (%s)', async (sep) => {
    ws = await testWorkspace()
    const lines = [
      ['Opportunity ID', 'Stage', 'Amount', 'Close Date'],
      ['A1', 'Closed Won', '1.234,50 €', '31.12.2025'],
      ['A2', 'Closed Lost', '(1.200,00)', '15.01.2026'],
      ['A3', 'Negotiation', '99,95', '01.02.2026'],
    ]
    const path = join(ws.dir, 'eu.csv')
    writeFileSync(path, lines.map((l) => l.join(sep)).join('\n'))
    expect(await importFile(ws, path)).toMatchObject({ new: 3, invalid: 0 })
    expect(ws.db.prepare('SELECT external_id, amount_minor, currency, close_date FROM opportunities ORDER BY external_id').all()).toEqual([
      { external_id: 'A1', amount_minor: 123450, currency: 'EUR', close_date: '2025-12-31' },
      { external_id: 'A2', amount_minor: -120000, currency: 'USD', close_date: '2026-01-15' },
      { external_id: 'A3', amount_minor: 9995, currency: 'USD', close_date: '2026-02-01' },
    ])
  })
})

describe('values', () => {
  it('reads timestamps in ISO, US, two-digit-year and 12-hour forms in the workspace time zone', async () => {
    ws = await testWorkspace()
    saveSettings(ws.db, { ...defaultSettings(), timezone: 'Europe/Berlin' })
    const path = writeCsv(ws.dir, 'leads.csv', [
      ['Lead ID', 'Lead Source', 'MQL Date', 'First Touch'],
      ['L1', 'Webinar', '2025-03-30', '2025-03-30T10:15:00Z'],
      ['L2', 'Web', '03/31/25', '03/31/25 02:30 PM'],
      ['L3', 'Web', '2025-07-01 09:00', '2025-07-01T09:00:00.000+0000'],
    ])
    const out = await importFile(ws, path, {
      edit: (s) => ({
        ...s,
        dateOrder: 'mdy',
        mapping: { ...s.mapping, handed_off_at: { column: 2, header: 'MQL Date' }, first_touch_at: { column: 3, header: 'First Touch' } },
      }),
    })
    expect(out).toMatchObject({ new: 3, invalid: 0 })
    expect(ws.db.prepare('SELECT external_id, handed_off_at, first_touch_at FROM leads ORDER BY external_id').all()).toEqual([
      // Berlin is UTC+1 until the last Sunday of March (2025-03-30 02:00), then UTC+2.
      { external_id: 'L1', handed_off_at: '2025-03-29T23:00:00.000Z', first_touch_at: '2025-03-30T10:15:00.000Z' },
      { external_id: 'L2', handed_off_at: '2025-03-30T22:00:00.000Z', first_touch_at: '2025-03-31T12:30:00.000Z' },
      { external_id: 'L3', handed_off_at: '2025-07-01T07:00:00.000Z', first_touch_at: '2025-07-01T09:00:00.000Z' },
    ])
  })

  it('reads probabilities written as %, percentages or fractions, and keeps formula-like text as text', async () => {
    ws = await testWorkspace()
    const path = writeCsv(ws.dir, 'p.csv', [
      ['Opportunity ID', 'Opportunity Name', 'Stage', 'Probability (%)'],
      ['1', '=HYPERLINK("http://x")', 'Negotiation', '60'],
      ['2', '+SUM(A1:A3)', 'Negotiation', '75%'],
      ['3', '@cmd', 'Negotiation', '5'],
    ])
    expect(await importFile(ws, path)).toMatchObject({ new: 3, invalid: 0 })
    expect(ws.db.prepare('SELECT name, probability FROM opportunities ORDER BY external_id').all()).toEqual([
      { name: '=HYPERLINK("http://x")', probability: 0.6 },
      { name: '+SUM(A1:A3)', probability: 0.75 },
      { name: '@cmd', probability: 0.05 },
    ])
  })

  it('reads Excel date cells, numbers and formula results from an XLSX with a title row', async () => {
    ws = await testWorkspace()
    const path = join(ws.dir, 'pipeline.xlsx')
    writeXlsx(path, {
      sheets: [
        {
          name: 'Report',
          rows: [
            ['Pipeline export'],
            ['Opportunity ID', 'Stage', 'Amount', 'Close Date'],
            [1001, 'Closed Won', 17499.9499999999, { date: '2025-05-31', format: 'dd-mmm-yy' }],
            ['00077', 'Negotiation', { formula: 'C3*2', cached: 34999.9 }, { date: '2025-06-30' }],
          ],
        },
      ],
    })
    expect(await importFile(ws, path)).toMatchObject({ new: 2, invalid: 0 })
    expect(ws.db.prepare('SELECT external_id, amount_minor, close_date FROM opportunities ORDER BY id').all()).toEqual([
      { external_id: '1001', amount_minor: 1749995, close_date: '2025-05-31' },
      { external_id: '00077', amount_minor: 3499990, close_date: '2025-06-30' },
    ])
  })
})

describe('targets and spend', () => {
  it('keys targets by period, team and segment, so a re-import updates rather than duplicates', async () => {
    ws = await testWorkspace()
    const v1 = writeCsv(ws.dir, 't1.csv', [
      ['Period', 'Target', 'Team'],
      ['2025-Q3', '1,000,000', ''],
      ['2025-Q3', '400,000', 'Marketing'],
    ])
    expect(await importFile(ws, v1)).toMatchObject({ kind: 'targets', new: 2 })
    const v2 = writeCsv(ws.dir, 't2.csv', [
      ['Period', 'Target', 'Team'],
      ['2025-Q3', '1,200,000', ''],
      ['2025-Q3', '400,000', 'Marketing'],
    ])
    expect(await importFile(ws, v2)).toMatchObject({ new: 0, changed: 1, unchanged: 1 })
    expect(ws.db.prepare('SELECT period, team, segment, amount_minor FROM targets ORDER BY team').all()).toEqual([
      { period: '2025-Q3', team: '', segment: '', amount_minor: 120000000 },
      { period: '2025-Q3', team: 'marketing', segment: '', amount_minor: 40000000 },
    ])
  })

  it('imports campaign spend by campaign and month', async () => {
    ws = await testWorkspace()
    const path = writeCsv(ws.dir, 'spend.csv', [
      ['Campaign', 'Month', 'Spend'],
      ['Spring webinar', '2025-04', '$2,500'],
      ['Trade show', 'May 2025', '$10,000'],
    ])
    expect(await importFile(ws, path)).toMatchObject({ kind: 'spend', new: 2, invalid: 0 })
    expect(ws.db.prepare('SELECT campaign, period, amount_minor FROM campaign_spend ORDER BY period').all()).toEqual([
      { campaign: 'Spring webinar', period: '2025-04', amount_minor: 250000 },
      { campaign: 'Trade show', period: '2025-05', amount_minor: 1000000 },
    ])
  })
})
