import { closeSync, openSync, writeSync } from 'node:fs'
import type { ListedProblem } from '@shared/import/outcome'
import { csvLines, type CsvCell } from '../../csv'

export const PROBLEM_CSV_HEADER = 'row,column,value,reason,kind'

const problemRow = (p: ListedProblem): CsvCell[] => [p.row, p.column, p.value, p.reason, p.kind]

/** Problems as CSV lines (CRLF after each), formula-looking values neutralised (see csv.ts). */
export function problemCsvLines(problems: readonly ListedProblem[]): string {
  return csvLines(problems.map(problemRow))
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
  private pending: ListedProblem[] = []
  private pendingBytes = 0
  constructor(path: string) {
    this.fd = openSync(path, 'w')
    writeSync(this.fd, `\uFEFF${PROBLEM_CSV_HEADER}\r\n`)
  }
  add(p: ListedProblem): void {
    this.pending.push(p)
    this.pendingBytes += p.column.length + p.value.length + p.reason.length + 16
    if (this.pendingBytes >= FLUSH_BYTES) this.flush()
  }
  private flush(): void {
    if (this.fd === null) return
    writeSync(this.fd, problemCsvLines(this.pending))
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
