import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProblemFile } from '../../../../src/main/import/write/problem-file'
import { tmpDir } from '../../../helpers/tmp'

const problem = (row: number) => ({
  kind: 'invalid' as const,
  row,
  column: 'Close Date',
  value: `=cmd|' /C calc'!A${row}`,
  reason: 'not a date',
})

describe('ProblemFile', () => {
  it('writes invalid rows to disk as they come, not into memory, and every one of them on close', async () => {
    const path = join(tmpDir(), 'problems.csv')
    const file = new ProblemFile(path)
    for (let row = 1; row <= 5000; row++) file.add(problem(row))
    // 5,000 lines of ~60 bytes: most are on disk before the file is closed.
    expect(statSync(path).size).toBeGreaterThan(200_000)
    await file.close()
    await file.close()
    const lines = readFileSync(path, 'utf8').split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('\uFEFFrow,column,value,reason,kind')
    expect(lines).toHaveLength(5001)
    // Formula-like values are neutralised for spreadsheets.
    expect(lines[5000]).toBe(`5000,Close Date,"'=cmd|' /C calc'!A5000",not a date,invalid`)
  })
})
