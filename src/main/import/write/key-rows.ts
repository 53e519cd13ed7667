/**
 * The row where each key of a file last came, kept in typed arrays instead of a Map of strings.
 *
 * A 1,000,000-row export has 1,000,000 distinct keys. In a Map each costs a string of its own (~32-40
 * bytes for a 15-character CRM id) and an entry (~28 bytes) in the heap of the thread that maps the rows,
 * where V8 sizes the old generation by what survives: the live keys raised the importing thread's heap
 * by about twice their size. Here a key costs its characters (one byte each when none is above U+00FF,
 * two otherwise) and 16-24 bytes of index, outside the heap. An open-addressing table with linear
 * probing; keys are compared in full, so no two keys are ever taken for one.
 */
export class KeyRows {
  /** The keys' characters, one after the other (each key's own width). */
  private text = new Uint8Array(1 << 16)
  private textUsed = 0
  /** Per key, in the order they came: where its characters start, its row, its hash, 1 when two bytes a character. */
  private starts = new Int32Array(1024)
  private rows = new Int32Array(1024)
  private hashes = new Int32Array(1024)
  private wide = new Uint8Array(1024)
  private count = 0
  /** Key number + 1 per slot, 0 for an empty slot; a power of two at least twice the keys. */
  private slots = new Int32Array(2048)

  get size(): number {
    return this.count
  }

  /** The row where `key` came last (0 if it never did), remembering `row` as its latest. */
  exchange(key: string, row: number): number {
    const hash = hashOf(key)
    const mask = this.slots.length - 1
    let slot = hash & mask
    for (;;) {
      const entry = (this.slots[slot] as number) - 1
      if (entry < 0) break
      if (this.hashes[entry] === hash && this.equals(entry, key)) {
        const last = this.rows[entry] as number
        this.rows[entry] = row
        return last
      }
      slot = (slot + 1) & mask
    }
    this.add(key, row, hash, slot)
    return 0
  }

  private add(key: string, row: number, hash: number, slot: number): void {
    if (this.count === this.starts.length) this.growEntries()
    let wide = 0
    for (let i = 0; i < key.length; i++) {
      if (key.charCodeAt(i) > 0xff) {
        wide = 1
        break
      }
    }
    const bytes = key.length << wide
    if (this.textUsed + bytes > this.text.length) this.growText(bytes)
    const text = this.text
    let at = this.textUsed
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i)
      if (wide) {
        text[at++] = c & 0xff
        text[at++] = c >>> 8
      } else text[at++] = c
    }
    const entry = this.count++
    this.starts[entry] = this.textUsed
    this.textUsed = at
    this.rows[entry] = row
    this.hashes[entry] = hash
    this.wide[entry] = wide
    this.slots[slot] = entry + 1
    if (this.count * 2 > this.slots.length) this.rehash()
  }

  private equals(entry: number, key: string): boolean {
    const start = this.starts[entry] as number
    const end = entry + 1 < this.count ? (this.starts[entry + 1] as number) : this.textUsed
    const text = this.text
    if (this.wide[entry] === 1) {
      if (end - start !== key.length * 2) return false
      for (let i = 0, at = start; i < key.length; i++, at += 2) {
        if (key.charCodeAt(i) !== ((text[at] as number) | ((text[at + 1] as number) << 8))) return false
      }
      return true
    }
    if (end - start !== key.length) return false
    for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text[start + i]) return false
    return true
  }

  private growEntries(): void {
    const n = this.starts.length * 2
    this.starts = grown(this.starts, new Int32Array(n))
    this.rows = grown(this.rows, new Int32Array(n))
    this.hashes = grown(this.hashes, new Int32Array(n))
    this.wide = grown(this.wide, new Uint8Array(n))
  }

  private growText(need: number): void {
    let n = this.text.length
    while (n < this.textUsed + need) n = Math.ceil(n * 1.5)
    this.text = grown(this.text, new Uint8Array(n))
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (this.hashes[entry] as number) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    }
    this.slots = slots
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** FNV-1a over the UTF-16 code units, with a final mix so that linear probing sees the low bits vary. */
function hashOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h & 0x7fffffff
}
