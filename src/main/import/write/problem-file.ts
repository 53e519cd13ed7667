import { closeSync, openSync, writeSync } from 'node:fs'
import type { ListedProblem } from '@shared/import/outcome'

/** Guards a CSV cell against spreadsheet formula injection (=, +, -, @ at the start run as formulas). */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const PROBLEM_CSV_HEADER = 'row,column,value,reason,kind'

export function problemCsvLine(p: ListedProblem): string {
  return [p.row, p.column, p.value, p.reason, p.kind].map(csvCell).join(',')
}

/** How much CSV text is gathered before it is written out (a file of a million problems never sits in memory). */
const FLUSH_BYTES = 64 * 1024

/**
 * Writes problems to a CSV file as they are found (UTF-8 with BOM, so Excel reads accents right). Lines
 * are gathered up to 64 KB and written synchronously: the import runs in a worker thread, and a
 * synchronous write is its back-pressure, so memory stays bounded however many rows are invalid.
 */
export class ProblemFile {
  private fd: number | null
  private pending: string[] = []
  private pendingBytes = 0
  constructor(path: string) {
    this.fd = openSync(path, 'w')
    this.pending.push(`\uFEFF${PROBLEM_CSV_HEADER}\r\n`)
  }
  add(p: ListedProblem): void {
    const line = `${problemCsvLine(p)}\r\n`
    this.pending.push(line)
    this.pendingBytes += line.length
    if (this.pendingBytes >= FLUSH_BYTES) this.flush()
  }
  private flush(): void {
    if (this.fd === null) return
    writeSync(this.fd, this.pending.join(''))
    this.pending = []
    this.pendingBytes = 0
  }
  /** Writes what is left and closes the file; closing twice does nothing. */
  close(): Promise<void> {
    if (this.fd === null) return Promise.resolve()
    try {
      this.flush()
    } finally {
      closeSync(this.fd)
      this.fd = null
    }
    return Promise.resolve()
  }
}
