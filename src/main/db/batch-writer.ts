import type { Database, Statement } from 'better-sqlite3'
import type { ChangedRecord, ExampleRecord, ListedProblem } from '@shared/import/outcome'

export type DbValue = string | number | null

const CHANGED = 1
const UNCHANGED = 2

/** A key met before in this batch that existed already (changed or unchanged). */
interface Seen {
  row: number
  status: typeof CHANGED | typeof UNCHANGED
  id: number
  /** The values and batch a CHANGED row had before this batch (to undo, and to compare a repeat). */
  prior?: DbValue[]
  priorBatch?: number
}

const EXAMPLES = 5
/** New rows are inserted this many per statement: fewer crossings into SQLite (a third faster). */
const INSERT_GROUP = 16

/**
 * Upserts the rows of one batch into an entity table by (source system, key), inside the caller's
 * transaction. It counts new / changed / unchanged per distinct key, records the overwritten values of
 * changed rows for undo, and handles a key that repeats within the file: the later row wins and the
 * earlier one is reported. Only the mapped columns are compared and written: a file that does not
 * carry a field leaves that field as it was. New rows are written in groups: call `flush()` after the
 * last `write`, before the transaction commits.
 */
export class BatchWriter {
  readonly counts = { new: 0, changed: 0, unchanged: 0, duplicates: 0 }
  readonly examples: { new: ExampleRecord[]; changed: ChangedRecord[]; unchanged: ExampleRecord[] } = {
    new: [],
    changed: [],
    unchanged: [],
  }
  /**
   * Keys met in this batch. A new key maps to just its file row (a number: most keys of a big load are
   * new, and a million small objects cost real time); its id is looked up if the key comes again.
   */
  private readonly seen = new Map<string, number | Seen>()
  private readonly lookup: Statement
  private readonly insert: Statement
  private readonly insertGroup: Statement
  /**
   * Parameters of the new rows waiting for a grouped insert (one reused array of a full group's size:
   * better-sqlite3 binds it synchronously), and how many rows are in it.
   */
  private readonly pending: DbValue[]
  private pendingRows = 0
  private readonly rowWidth: number
  private readonly source: { source: string }
  private readonly update: Statement
  private readonly recordPrior: Statement
  private readonly forgetPrior: Statement

  constructor(
    db: Database,
    private readonly table: string,
    private readonly batchId: number,
    private readonly sourceSystem: string,
    private readonly columns: readonly string[],
    private readonly onDuplicate: (p: ListedProblem) => void,
    /** How stored values are shown in examples, by field (amounts in major units with currency). */
    private readonly describe: (values: readonly DbValue[]) => Record<string, DbValue> = (values) =>
      Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null])),
    /** The source system had no rows in this table when the batch began: no key can exist yet. */
    private readonly options: { freshSource?: boolean } = {},
  ) {
    const cols = columns.map((c) => `"${c}"`)
    this.lookup = db
      .prepare(`SELECT id, batch_id${cols.map((c) => `, ${c}`).join('')} FROM "${table}" WHERE source_system = ? AND external_id = ?`)
      .raw()
    // The source system is bound once per statement and the batch (our own integer id) is written into
    // it: only the key and the values are bound per row, a fifth fewer bindings, which are most of
    // an insert's cost.
    if (!Number.isSafeInteger(batchId)) throw new Error(`batch id ${batchId} is not an integer`)
    const one = `(@source, ?${cols.map(() => ', ?').join('')}, ${batchId}, ${batchId})`
    // OR ROLLBACK: a statement that may fail halfway (a key that exists already; never expected, since
    // keys are looked up or tracked first) makes SQLite keep a statement journal to undo just that
    // statement. For a grouped insert into a table with indexes that journal outgrows its 64 KiB in
    // memory and goes to a temporary file: 800 MB of writes for 100,000 rows (strace). Rolling back the
    // whole import instead needs no journal, and an import is all or nothing anyway.
    const head = `INSERT OR ROLLBACK INTO "${table}" (source_system, external_id${cols.map((c) => `, ${c}`).join('')}, created_batch_id, batch_id) VALUES `
    this.insert = db.prepare(head + one)
    this.insertGroup = db.prepare(head + Array.from({ length: INSERT_GROUP }, () => one).join(', '))
    this.rowWidth = columns.length + 1
    this.pending = new Array<DbValue>(this.rowWidth * INSERT_GROUP).fill(null)
    this.source = { source: sourceSystem }
    this.update = db.prepare(
      `UPDATE "${table}" SET ${cols.map((c) => `${c} = ?`).join(', ')}${cols.length ? ', ' : ''}batch_id = ? WHERE id = ?`,
    )
    this.recordPrior = db.prepare('INSERT INTO import_changes (batch_id, entity, row_id, prior) VALUES (?, ?, ?, ?)')
    this.forgetPrior = db.prepare('DELETE FROM import_changes WHERE batch_id = ? AND entity = ? AND row_id = ?')
  }

  /**
   * Writes the row whose values are `buf[offset ..]` (one per column). `earlier` is what the stage knew
   * of the key (row-stage.ts): -1 nothing (this writer keeps track), else, for a fresh source, 0 for
   * the key's first time in the file or the row where it came last. New keys of a fresh source go
   * straight into the insert group without an array of their own: the common case of a big load.
   */
  writeFrom(row: number, key: string, earlier: number, buf: readonly DbValue[], offset: number, keyLabel: string): void {
    const width = this.columns.length
    const fresh = this.options.freshSource === true
    if (fresh && earlier > 0) {
      this.repeatNew(earlier, row, key, buf.slice(offset, offset + width), keyLabel)
      return
    }
    if (fresh && earlier < 0) {
      if (this.seen.has(key)) {
        this.write(row, key, buf.slice(offset, offset + width), keyLabel)
        return
      }
      this.seen.set(key, row)
    } else if (!fresh) {
      this.write(row, key, buf.slice(offset, offset + width), keyLabel)
      return
    }
    this.queue(key, buf, offset)
    this.counts.new++
    if (this.examples.new.length < EXAMPLES) this.examples.new.push(this.example(row, key, buf.slice(offset, offset + width)))
  }

  /** Writes one valid row. `keyLabel` names the key column in the duplicate report. */
  write(row: number, key: string, values: DbValue[], keyLabel: string): void {
    const seen = this.seen.get(key)
    if (seen) {
      this.repeat(seen, row, key, values, keyLabel)
      return
    }
    const existing = this.options.freshSource ? undefined : (this.lookup.get(this.sourceSystem, key) as DbValue[] | undefined)
    if (!existing) {
      this.seen.set(key, row)
      this.queue(key, values, 0)
      this.counts.new++
      if (this.examples.new.length < EXAMPLES) this.examples.new.push(this.example(row, key, values))
      return
    }
    const id = existing[0] as number
    const priorBatch = existing[1] as number
    const prior = existing.slice(2)
    if (sameValues(prior, values)) {
      this.seen.set(key, { row, status: UNCHANGED, id })
      this.counts.unchanged++
      if (this.examples.unchanged.length < EXAMPLES) this.examples.unchanged.push(this.example(row, key, values))
      return
    }
    this.change(id, prior, priorBatch, values)
    this.seen.set(key, { row, status: CHANGED, id, prior, priorBatch })
    this.counts.changed++
    this.noteChange(row, key, prior, values)
  }

  /** Adds a new row (its values at `buf[offset ..]`) to the insert group; writes the group when full. */
  private queue(key: string, buf: readonly DbValue[], offset: number): void {
    const p = this.pending
    let at = this.pendingRows * this.rowWidth
    p[at++] = key
    const end = offset + this.columns.length
    for (let i = offset; i < end; i++) p[at++] = buf[i] ?? null
    if (++this.pendingRows === INSERT_GROUP) this.flush()
  }

  /** Writes the new rows still waiting (call before reading the table, and at the end). */
  flush(): void {
    const rows = this.pendingRows
    if (rows === 0) return
    this.pendingRows = 0
    // Spread: binding arguments is a fifth faster than binding the elements of one array.
    if (rows === INSERT_GROUP) this.insertGroup.run(this.source, ...this.pending)
    else for (let i = 0; i < rows; i++) this.insert.run(this.source, ...this.pending.slice(i * this.rowWidth, (i + 1) * this.rowWidth))
  }

  private duplicate(earlier: number, row: number, key: string, keyLabel: string): void {
    this.onDuplicate({
      kind: 'duplicate',
      row: earlier,
      column: keyLabel,
      value: key,
      reason: `same ${keyLabel} as row ${row}, which replaces it`,
    })
    this.counts.duplicates++
  }

  /** A key that is new in this batch comes again (the stage saw it first at row `earlier`). */
  private repeatNew(earlier: number, row: number, key: string, values: DbValue[], keyLabel: string): void {
    this.duplicate(earlier, row, key, keyLabel)
    this.overwriteNew(key, values)
  }

  /** Overwrites a row inserted by this batch in place with a later row of the file (undo deletes it anyway). */
  private overwriteNew(key: string, values: DbValue[]): void {
    this.flush()
    const id = (this.lookup.get(this.sourceSystem, key) as DbValue[])[0] as number
    this.update.run(...values, this.batchId, id)
  }

  private repeat(seen: number | Seen, row: number, key: string, values: DbValue[], keyLabel: string): void {
    this.duplicate(typeof seen === 'number' ? seen : seen.row, row, key, keyLabel)
    if (typeof seen === 'number') {
      this.overwriteNew(key, values)
      this.seen.set(key, row)
      return
    }
    seen.row = row
    if (seen.status === CHANGED) {
      const prior = seen.prior as DbValue[]
      if (sameValues(prior, values)) {
        // The later row puts the row back as it was before this batch: it is unchanged after all.
        this.update.run(...values, seen.priorBatch ?? this.batchId, seen.id)
        this.forgetPrior.run(this.batchId, this.table, seen.id)
        seen.status = UNCHANGED
        delete seen.prior
        delete seen.priorBatch
        this.counts.changed--
        this.counts.unchanged++
      } else this.update.run(...values, this.batchId, seen.id)
      return
    }
    // UNCHANGED so far: the stored row still holds its values from before this batch.
    const existing = this.lookup.get(this.sourceSystem, key) as DbValue[]
    const priorBatch = existing[1] as number
    const prior = existing.slice(2)
    if (sameValues(prior, values)) return
    this.change(seen.id, prior, priorBatch, values)
    seen.status = CHANGED
    seen.prior = prior
    seen.priorBatch = priorBatch
    this.counts.unchanged--
    this.counts.changed++
    this.noteChange(row, key, prior, values)
  }

  private change(id: number, prior: DbValue[], priorBatch: number, values: DbValue[]): void {
    const snapshot: Record<string, DbValue> = { batch_id: priorBatch }
    this.columns.forEach((c, i) => (snapshot[c] = prior[i] ?? null))
    this.recordPrior.run(this.batchId, this.table, id, JSON.stringify(snapshot))
    this.update.run(...values, this.batchId, id)
  }

  private example(row: number, key: string, values: DbValue[]): ExampleRecord {
    return { row, key, values: this.describe(values) }
  }

  private noteChange(row: number, key: string, prior: DbValue[], values: DbValue[]): void {
    if (this.examples.changed.length >= EXAMPLES) return
    const changes: ChangedRecord['changes'] = []
    const before = this.describe(prior)
    const after = this.describe(values)
    for (const field of Object.keys(after)) {
      if ((before[field] ?? null) !== (after[field] ?? null))
        changes.push({ field, before: before[field] ?? null, after: after[field] ?? null })
    }
    this.examples.changed.push({ row, key, changes })
  }
}

function sameValues(a: readonly DbValue[], b: readonly DbValue[]): boolean {
  for (let i = 0; i < b.length; i++) if ((a[i] ?? null) !== (b[i] ?? null)) return false
  return true
}
