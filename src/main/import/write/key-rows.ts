/**
 * The keys of a file met so far, each with the row where it last came: what RowStage needs to tell a
 * key's first time from a repeat. Kept in typed arrays (the keys' characters one after another, a hash
 * table of entry numbers) instead of a Map of strings: a 1,000,000-row import held a million key strings
 * and a million-entry Map in the parse worker's heap, which cost ~1.5 s of lookups and most of its
 * ~2.5 s of garbage collection (profiled), since every collection had to mark them. Typed arrays are
 * outside the collected heap, and a lookup compares the key's characters with the stored ones: exact,
 * no false matches.
 */
export class KeyRows {
  /** The keys' UTF-16 code units, one after another. */
  private chars = new Uint16Array(1 << 16)
  private used = 0
  /** Per entry: where its key starts in `chars`, its length, its hash, the row it last came in. */
  private starts = new Int32Array(1 << 12)
  private lengths = new Int32Array(1 << 12)
  private hashes = new Int32Array(1 << 12)
  private rows = new Int32Array(1 << 12)
  private count = 0
  /** Open addressing, linear probing: entry number + 1, 0 for an empty slot. Kept at most half full. */
  private slots = new Int32Array(1 << 13)

  get size(): number {
    return this.count
  }

  /** The row where `key` came last (0: never), remembering `row` as its latest. */
  note(key: string, row: number): number {
    const length = key.length
    let hash = 0x811c9dc5 | 0
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
    // FNV-1a's low bits, which pick the slot, depend only on the characters' low bits: mixed in the high ones.
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
    hash ^= hash >>> 13
    const mask = this.slots.length - 1
    let at = hash & mask
    for (;;) {
      const entry = (this.slots[at] as number) - 1
      if (entry < 0) break
      if (this.hashes[entry] === hash && this.same(entry, key)) {
        const last = this.rows[entry] as number
        this.rows[entry] = row
        return last
      }
      at = (at + 1) & mask
    }
    this.add(key, hash, row, at)
    return 0
  }

  private same(entry: number, key: string): boolean {
    const length = key.length
    if (this.lengths[entry] !== length) return false
    const chars = this.chars
    const start = this.starts[entry] as number
    for (let i = 0; i < length; i++) if (chars[start + i] !== key.charCodeAt(i)) return false
    return true
  }

  private add(key: string, hash: number, row: number, slot: number): void {
    const length = key.length
    if (this.used + length > this.chars.length) this.chars = grown(this.chars, this.used + length)
    const chars = this.chars
    const start = this.used
    for (let i = 0; i < length; i++) chars[start + i] = key.charCodeAt(i)
    this.used += length
    const entry = this.count++
    if (entry === this.starts.length) {
      this.starts = grown(this.starts, entry + 1)
      this.lengths = grown(this.lengths, entry + 1)
      this.hashes = grown(this.hashes, entry + 1)
      this.rows = grown(this.rows, entry + 1)
    }
    this.starts[entry] = start
    this.lengths[entry] = length
    this.hashes[entry] = hash
    this.rows[entry] = row
    this.slots[slot] = entry + 1
    if (this.count * 2 > this.slots.length) this.rehash()
  }

  /** Doubles the table; entries keep their numbers, and their hashes are stored, so no key is read. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let entry = 0; entry < this.count; entry++) {
      let at = (this.hashes[entry] as number) & mask
      while (slots[at] !== 0) at = (at + 1) & mask
      slots[at] = entry + 1
    }
    this.slots = slots
  }
}

function grown<T extends Uint16Array | Int32Array>(a: T, needed: number): T {
  let length = a.length * 2
  while (length < needed) length *= 2
  const b = new (a.constructor as new (n: number) => T)(length)
  b.set(a)
  return b
}
