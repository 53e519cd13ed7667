import { createWriteStream, type WriteStream } from 'node:fs'
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

/** Writes problems to a CSV file as they are found (UTF-8 with BOM, so Excel reads accents right). */
export class ProblemFile {
  private readonly out: WriteStream
  constructor(path: string) {
    this.out = createWriteStream(path)
    this.out.write(`\uFEFF${PROBLEM_CSV_HEADER}\r\n`)
  }
  add(p: ListedProblem): void {
    this.out.write(`${problemCsvLine(p)}\r\n`)
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  }
}
