/**
 * A workbook's shared-string table, held as UTF-8 bytes rather than as JavaScript strings.
 *
 * An export's table holds every distinct text of the sheet, and the ids and names of a big export are
 * all distinct: 2,000,000 strings for a 1,000,000-row opportunity export. As strings (each a slice of
 * the XML chunk it was parsed from, plus its slot in an array) they took ~150 MB of the parse worker's
 * heap, ~75 bytes per string for ~20 bytes of text, and the collector walked them on every full
 * collection. Here the text sits in 1 MB buffers outside the heap and each string costs 6 bytes of
 * index: ~53 MB in all for the same table. A string is decoded when a cell needs its text; the worker
 * needs that only the first two times a string is used (SharedStringSender), so most are decoded once.
 */
export interface SharedStrings {
  readonly length: number
  /** String `i`; null when it is over the cell limit (refused where a cell uses it), undefined when there is none. */
  get(i: number): string | null | undefined
  /** Whether string `i` exists and is within the cell limit (no decoding). */
  usable(i: number): boolean
}

const CHUNK_BYTES = 1024 * 1024
const MAX_CHUNKS = 0x10000

export class SharedStringTable implements SharedStrings {
  private readonly chunks: Buffer[] = []
  /** Bytes used in each chunk. */
  private readonly used: number[] = []
  /** Per string: its chunk and where it starts there; it ends where the next one starts, or at the chunk's end. */
  private chunkOf = new Uint16Array(1024)
  private startOf = new Int32Array(1024)
  private count = 0
  /** The strings over the cell limit (stored as empty: nothing is kept of them). */
  private readonly tooLong = new Set<number>()

  /** A table of these strings (null: over the cell limit). */
  static of(strings: readonly (string | null)[]): SharedStringTable {
    const table = new SharedStringTable()
    for (const s of strings) table.push(s)
    return table
  }

  get length(): number {
    return this.count
  }

  /** Appends a string; null for one over the cell limit. */
  push(s: string | null): void {
    if (this.count === this.chunkOf.length) this.grow()
    const i = this.count++
    let c = this.chunks.length - 1
    if (s === null) {
      this.tooLong.add(i)
      this.chunkOf[i] = Math.max(c, 0)
      this.startOf[i] = c < 0 ? 0 : (this.used[c] as number)
      return
    }
    // At most 3 bytes per UTF-16 unit; the exact length is only needed for a string that may not fit.
    const room = c < 0 ? -1 : (this.chunks[c] as Buffer).length - (this.used[c] as number)
    if (s.length * 3 > room && Buffer.byteLength(s, 'utf8') > room) {
      if (this.chunks.length === MAX_CHUNKS) throw new RangeError('the shared-string table is too large')
      this.chunks.push(Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, Buffer.byteLength(s, 'utf8'))))
      this.used.push(0)
      c++
    }
    const at = this.used[c] as number
    this.used[c] = at + (this.chunks[c] as Buffer).write(s, at, 'utf8')
    this.chunkOf[i] = c
    this.startOf[i] = at
  }

  get(i: number): string | null | undefined {
    if (!this.has(i)) return undefined
    if (this.tooLong.size > 0 && this.tooLong.has(i)) return null
    const c = this.chunkOf[i] as number
    const end = i + 1 < this.count && this.chunkOf[i + 1] === c ? (this.startOf[i + 1] as number) : (this.used[c] as number)
    return (this.chunks[c] as Buffer).toString('utf8', this.startOf[i], end)
  }

  usable(i: number): boolean {
    return this.has(i) && (this.tooLong.size === 0 || !this.tooLong.has(i))
  }

  /** Whether `i` is an index of the table (a cell may hold any text, `1.5` or `-0` included). */
  private has(i: number): boolean {
    return Number.isInteger(i) && i >= 0 && i < this.count
  }

  private grow(): void {
    const chunkOf = new Uint16Array(this.chunkOf.length * 2)
    chunkOf.set(this.chunkOf)
    const startOf = new Int32Array(this.startOf.length * 2)
    startOf.set(this.startOf)
    this.chunkOf = chunkOf
    this.startOf = startOf
  }
}
