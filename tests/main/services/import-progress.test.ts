import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportProgress } from '../../../src/shared/import/outcome'
import { createMainServices, type MainServices } from '../../../src/main/services/main-services'
import { ZipArchive } from '../../../src/main/import/read/zip'
import { DEFAULT_LIMITS } from '../../../src/shared/import/types'
import { tmpDir } from '../../helpers/tmp'
import { writeXlsx } from '../../helpers/xlsx-writer'

let services: MainServices | undefined
afterEach(() => services?.dispose())

const HEADER = ['Opportunity ID', 'Opportunity Name', 'Account Name', 'Opportunity Owner', 'Stage', 'Amount', 'Close Date', 'Lead Source']
const STAGES = ['Closed Won', 'Closed Lost', 'Prospecting', 'Negotiation/Review']

describe('the progress of a large XLSX import (issue #19)', () => {
  it('arrives many times while the sheet is read, by rows read and inflated bytes of the sheet, through the app’s import job', async () => {
    const dir = tmpDir()
    const file = join(dir, 'opportunities.xlsx')
    const rows: (string | number)[][] = [HEADER]
    for (let i = 0; i < 50_000; i++) {
      rows.push([
        `006${String(i).padStart(12, '0')}`,
        `Deal ${i} for the account`,
        `Account ${i % 500}`,
        `Owner ${i % 25}`,
        STAGES[i % 4] as string,
        1000 + i,
        `2025-0${(i % 9) + 1}-15`,
        'Web',
      ])
    }
    writeXlsx(file, { sheets: [{ name: 'Opportunities', rows }] })
    expect(statSync(file).size).toBeGreaterThan(2 * 1024 ** 2) // a multi-MB workbook
    const zip = await ZipArchive.open(file, DEFAULT_LIMITS)
    const sheetBytes = zip.get('xl/worksheets/sheet1.xml')?.size
    await zip.close()

    const events: ImportProgress[] = []
    services = createMainServices({
      emit: (name, payload) => {
        if (name === 'importProgress') events.push(payload as ImportProgress)
      },
      dailyBackup: false,
    })
    await services.workspace.open(join(dir, 'w.sqlite'), { create: true })
    const inspection = await services.imports.inspect(file)
    const outcome = await services.imports.run('job-1', { ...inspection.settings, path: file }, 'commit')
    expect(outcome).toMatchObject({ new: 50_000, invalid: 0 })

    const reading = events.filter((e) => e.phase === 'reading')
    // A hundred steps at most (one per hundredth of the sheet); the rows come in batches of 1,000 and
    // the reader reports after each, so a 50-batch sheet gives one report per batch or two, whatever
    // the speed of the machine: counted, not timed.
    expect(reading.length).toBeGreaterThanOrEqual(10)
    expect(reading.length).toBeLessThanOrEqual(110)
    expect(events.every((e) => e.jobId === 'job-1')).toBe(true)
    // It moves forward, measured against the sheet's inflated size (not the zip's), to the end.
    for (let i = 1; i < reading.length; i++) {
      expect(reading[i]!.rows).toBeGreaterThanOrEqual(reading[i - 1]!.rows)
      expect(reading[i]!.bytes).toBeGreaterThanOrEqual(reading[i - 1]!.bytes)
    }
    expect(reading.at(-1)!.rows - reading[0]!.rows).toBeGreaterThan(35_000)
    expect(reading.slice(1).every((e) => e.totalBytes === sheetBytes)).toBe(true)
    expect(reading.slice(1).every((e) => e.bytes < e.totalBytes)).toBe(true)
    expect(events.at(-1)).toMatchObject({ phase: 'finishing', rows: 50_000, bytes: sheetBytes, totalBytes: sheetBytes })
  }, 60_000)
})
