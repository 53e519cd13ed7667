/**
 * A file the import refuses to read: empty, binary, too large, malformed beyond repair, over a limit.
 * The message is one line that says what is wrong and, where it helps, what to do. The caller puts the
 * file's name in front of it ("Q3.csv: row 12: a quoted field is never closed"), so messages never
 * repeat the name. Anything else a reader throws is a bug or an I/O failure, not the file's fault.
 */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportFileError'
  }
}
