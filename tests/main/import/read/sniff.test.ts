import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '@shared/import/types'
import { ImportFileError } from '../../../../src/main/import/read/file-error'
import { sniffFile } from '../../../../src/main/import/read/sniff'
import { tmpDir } from '../../../helpers/tmp'

const FIXTURES = join(import.meta.dirname, '../../../fixtures/import')
const fixture = (name: string): string => join(FIXTURES, name)

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmpDir(), name)
  writeFileSync(path, content)
  return path
}

async function refusal(path: string, limits = DEFAULT_LIMITS): Promise<string> {
  const error: unknown = await sniffFile(path, limits).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportFileError)
  const message = (error as ImportFileError).message
  expect(message).not.toContain('\n')
  return message
}

const bytes = (...values: number[]): Buffer => Buffer.from(values)

describe('sniffFile: encodings', () => {
  it.each([
    ['utf-8-bom.csv', 'utf-8', true],
    ['utf-16le.csv', 'utf-16le', true],
    ['utf-16be.csv', 'utf-16be', true],
    ['windows-1252.csv', 'windows-1252', false],
    ['quoted-crlf.csv', 'utf-8', false],
  ] as const)('%s is %s', async (name, encoding, bom) => {
    expect(await sniffFile(fixture(name))).toEqual({ format: 'csv', encoding, bom, delimiter: ',' })
  })

  it('finds UTF-16 written without a byte-order mark', async () => {
    const text = 'Id,Name,Amount\r\n1,Café,10\r\n2,北京市朝阳区建国路,20\r\n'
    expect(await sniffFile(file('le.csv', Buffer.from(text, 'utf16le')))).toEqual({
      format: 'csv',
      encoding: 'utf-16le',
      bom: false,
      delimiter: ',',
    })
    expect(await sniffFile(file('be.csv', Buffer.from(text, 'utf16le').swap16()))).toMatchObject({ encoding: 'utf-16be', bom: false })
  })

  it("finds Excel's Unicode text: UTF-16 LE with a byte-order mark, tab-separated", async () => {
    const text = '\uFEFFId\tName\tAmount\r\n1\tMüller, Café\t1,5\r\n2\tÅsa\t2\r\n'
    expect(await sniffFile(file('unicode.txt', Buffer.from(text, 'utf16le')))).toEqual({
      format: 'csv',
      encoding: 'utf-16le',
      bom: true,
      delimiter: '\t',
    })
  })

  it('reads a file that is ASCII for megabytes and then has one Windows-1252 byte as Windows-1252', async () => {
    const ascii = Buffer.from('Id,Name\n' + '1234567,plain ascii name\n'.repeat(500_000)) // 12.5 MB
    const path = file('late.csv', Buffer.concat([ascii, Buffer.from('9,Caf'), bytes(0xe9), Buffer.from('\n')]))
    expect(await sniffFile(path)).toMatchObject({ encoding: 'windows-1252' })
  })

  it('reads a Windows-1252 file whose very last byte is é as Windows-1252', async () => {
    expect(await sniffFile(file('end.csv', Buffer.concat([Buffer.from('Name\nCaf'), bytes(0xe9)])))).toMatchObject({
      encoding: 'windows-1252',
    })
  })

  it('keeps a UTF-8 character that straddles a read boundary UTF-8', async () => {
    // The whole-file check reads 4 MiB at a time: put "€" (3 bytes) across the first boundary.
    const boundary = 4 * 1024 * 1024
    const lead = Buffer.from('Id,Name\n')
    const filler = Buffer.alloc(boundary - 1 - lead.length, 'a')
    const path = file('straddle.csv', Buffer.concat([lead, filler, Buffer.from('€,x\n'), Buffer.from('1,é\n')]))
    expect(await sniffFile(path)).toMatchObject({ encoding: 'utf-8', bom: false })
  })

  it('refuses a file that starts with a UTF-8 byte-order mark but is not UTF-8', async () => {
    const path = file('bad-bom.csv', Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('Name\nCaf'), bytes(0xe9, 0x0a)]))
    expect(await refusal(path)).toMatch(/not valid UTF-8/)
  })
})

describe('sniffFile: delimiter', () => {
  it.each([
    ['semicolon.csv', ';'],
    ['tab.txt', '\t'],
    ['pipe.csv', '|'],
    ['quoted-crlf.csv', ','],
    ['report.csv', ','],
    ['utf-16le.csv', ','],
  ] as const)('%s is split by %j', async (name, delimiter) => {
    expect(await sniffFile(fixture(name))).toMatchObject({ format: 'csv', delimiter })
  })

  it('takes a single-column file as comma-separated, even with commas in some values', async () => {
    expect(await sniffFile(file('one.csv', 'Notes\nhello, world\nok\nfine\n'))).toMatchObject({ delimiter: ',' })
  })

  it('ignores delimiters and line breaks inside quoted fields', async () => {
    const commasInQuotes = '"Name, full";"Note, short"\n"Acme, Inc.";"ok, fine"\n"Beta, Ltd.";"yes, sure"\n'
    expect(await sniffFile(file('q.csv', commasInQuotes))).toMatchObject({ delimiter: ';' })
    const tabsAndBreaksInQuotes = 'Id,Note\n1,"a\tb\tc\nd\te\tf"\n2,"g\th\ti\nj\tk\tl"\n'
    expect(await sniffFile(file('t.csv', tabsAndBreaksInQuotes))).toMatchObject({ delimiter: ',' })
  })

  it('reads a header and rows that go past the sniffed head', async () => {
    const text = 'a;b;c\n' + '1;2,5;3\n'.repeat(20_000)
    expect(await sniffFile(file('long.csv', text))).toMatchObject({ delimiter: ';' })
  })
})

describe('sniffFile: what the file is', () => {
  const zip = Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), randomBytes(200)])

  it('takes a zip for an XLSX workbook, whatever its name, unless it is named like a CSV', async () => {
    expect(await sniffFile(file('book.xlsx', zip))).toEqual({ format: 'xlsx' })
    expect(await sniffFile(file('export.dat', zip))).toEqual({ format: 'xlsx' })
    expect(await refusal(file('export.csv', zip))).toMatch(/zip archive \(probably an XLSX workbook\) named like a \.csv file/)
    expect(await refusal(file('export.TXT', zip))).toMatch(/named like a \.txt file/)
  })

  it('refuses an old-style .xls workbook and a password-protected .xlsx', async () => {
    const ole2 = Buffer.concat([bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), Buffer.alloc(600)])
    expect(await refusal(file('old.xls', ole2))).toBe('is an old-style .xls workbook; save it as .xlsx or CSV')
    expect(await refusal(file('old.csv', ole2))).toBe('is an old-style .xls workbook; save it as .xlsx or CSV')
    expect(await refusal(file('secret.xlsx', ole2))).toMatch(/password-protected/)
  })

  it('refuses an .xlsx that is not a zip', async () => {
    expect(await refusal(file('fake.xlsx', 'Id,Name\n1,Acme\n'))).toMatch(
      /^is not an XLSX workbook: it holds plain text; if it is CSV, rename it to \.csv$/,
    )
    expect(await refusal(file('noise.xlsx', Buffer.concat([bytes(1, 0, 2), randomBytes(100)])))).toBe('is not an XLSX workbook')
  })

  it.each([
    ['PDF document', bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a)],
    ['PNG image', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d)],
    ['JPEG image', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['gzip-compressed file', bytes(0x1f, 0x8b, 0x08, 0)],
  ])('names a %s, even when it is called .csv', async (what, magic) => {
    expect(await refusal(file('data.csv', Buffer.concat([magic, randomBytes(300)])))).toContain(what)
    expect(await refusal(file('data.xlsx', Buffer.concat([magic, randomBytes(300)])))).toContain(what)
  })

  it('refuses HTML and XML passed off as spreadsheets', async () => {
    const html = '<!DOCTYPE html>\n<html><body><table><tr><td>Id</td></tr></table></body></html>\n'
    expect(await refusal(file('report.xls', html))).toMatch(/^is a web page \(HTML\)/)
    expect(await refusal(file('report.csv', '\uFEFF<table border=1>\n<tr><td>1</td></tr>\n</table>\n'))).toMatch(/HTML/)
    expect(await refusal(file('book.xml', '<?xml version="1.0"?>\n<Workbook/>\n'))).toMatch(/^is an XML document/)
  })

  it('refuses an empty file', async () => {
    expect(await refusal(file('empty.csv', ''))).toBe('is empty')
  })

  it('refuses a file over the size limit and says both sizes', async () => {
    const path = file('big.csv', 'a,b\n'.repeat(1000))
    expect(await refusal(path, { ...DEFAULT_LIMITS, maxFileBytes: 1024 })).toBe(
      'is 3.9 KB, more than the 1 KB Tandem imports at once; split it into smaller files',
    )
  })

  it('refuses binary noise', async () => {
    const noise = randomBytes(10_000)
    noise[0] = 0x41 // not a known magic number
    expect(await refusal(file('noise.csv', noise))).toMatch(/^is not a text file/)
  })

  it('refuses text full of control characters even without NUL bytes', async () => {
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i % 4 === 0 ? 0x1b : 0x41 + (i % 26))))
    expect(await refusal(file('junk.csv', junk))).toMatch(/^is not a text file/)
  })

  it('accepts a few control characters in real text', async () => {
    expect(await sniffFile(file('vt.csv', 'Name,Note\nA,line\vbreak\nB,ok\n'))).toMatchObject({ format: 'csv' })
  })
})
