import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile, testWorkspace } from '../../helpers/import'

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8')

describe('a file with mixed encodings', () => {
  it('mostly UTF-8 with one stray Windows-1252 byte: read as UTF-8, the row with the stray byte reported by row and column', async () => {
    const ws = await testWorkspace()
    const path = join(ws.dir, 'o.csv')
    const lines = [
      'Opportunity ID,Stage,Amount,Close Date,Account\n',
      '1,Closed Won,100,2025-01-05,Café Zürich\n',
      '2,Closed Won,200,2025-01-06,Müller AG\n',
    ]
    // Row 4: "Résumé GmbH" with its é in Windows-1252 (0xE9), pasted into a UTF-8 export.
    writeFileSync(path, Buffer.concat([...lines.map(utf8), utf8('3,Closed Won,300,2025-01-07,R'), Buffer.from([0xe9]), utf8('sum GmbH\n')]))
    const outcome = await importFile(ws, path)
    expect(outcome).toMatchObject({ new: 2, invalid: 1 })
    expect(outcome.problems).toEqual([
      {
        kind: 'invalid',
        row: 4,
        column: 'Account',
        value: 'R\uFFFDsum GmbH',
        reason: "holds bytes that are not valid in the file's encoding (shown as \uFFFD); the row was not imported",
      },
    ])
    const accounts = ws.db.prepare('SELECT account FROM opportunities ORDER BY external_id').pluck().all()
    expect(accounts).toEqual(['Café Zürich', 'Müller AG'])
  })

  it('a Windows-1252 file stays Windows-1252', async () => {
    const ws = await testWorkspace()
    const path = join(ws.dir, 'o.csv')
    writeFileSync(
      path,
      Buffer.from('Opportunity ID,Stage,Amount,Close Date,Account\n1,Closed Won,100,2025-01-05,Caf\xe9 Z\xfcrich\n', 'latin1'),
    )
    const outcome = await importFile(ws, path)
    expect(outcome).toMatchObject({ new: 1, invalid: 0 })
    expect(ws.db.prepare('SELECT account FROM opportunities').pluck().get()).toBe('Café Zürich')
  })

  it('a NUL inside a cell (past the first 64 KB, which would refuse the file as binary) is reported, never stored', async () => {
    const ws = await testWorkspace()
    const path = join(ws.dir, 'o.csv')
    const filler = Array.from({ length: 2000 }, (_, i) => `${i + 10},Closed Won,1,2025-01-05,Account ${i}\n`).join('')
    writeFileSync(path, `Opportunity ID,Stage,Amount,Close Date,Account\n${filler}1,Closed Won,100,2025-01-05,Ac\0me\n`)
    const outcome = await importFile(ws, path)
    expect(outcome).toMatchObject({ new: 2000, invalid: 1 })
    expect(outcome.problems[0]).toMatchObject({ row: 2002, column: 'Account', value: 'Ac\\0me', reason: expect.stringMatching(/NUL/) })
    expect(ws.db.prepare("SELECT count(*) FROM opportunities WHERE instr(account, char(0)) > 0 OR external_id = '1'").pluck().get()).toBe(0)
  })
})
