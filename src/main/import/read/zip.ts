import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { Readable, pipeline } from 'node:stream'
import { crc32, createInflateRaw } from 'node:zlib'
import type { ReadLimits } from '@shared/import/types'

/**
 * A zip reader for XLSX workbooks that never trusts the archive. It reads the central directory with
 * random access (the file is never loaded whole), refuses anything it cannot read safely before
 * inflating a byte, and streams one entry at a time while counting what it inflates.
 *
 * Zip-bomb invariant: every entry stops inflating the moment it exceeds its declared size, and the
 * declared sizes of all entries together are within `maxInflatedBytes`; so one pass over the entries
 * can never inflate more than that limit, whatever the compressed data says.
 */

export type ZipLimits = Pick<ReadLimits, 'maxZipEntries' | 'maxCompressionRatio' | 'maxInflatedBytes'>

/** A refusal or a damaged archive; the message is one line meant for the user. */
export class ZipError extends Error {
  override name = 'ZipError'
  constructor(message: string, options?: ErrorOptions) {
    super(printable(message), options)
  }
}

/**
 * A message kept on one line: names from a damaged archive or a hostile part (a zip entry, a sheet) can
 * hold line breaks and other control characters, which are shown escaped (`\n`, `\u0001`).
 */
export function printable(message: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

export interface ZipEntry {
  /** The name as stored, with `\` turned into `/`. */
  name: string
  method: number
  compressedSize: number
  /** Inflated size as the central directory declares it (a claim, enforced while inflating). */
  size: number
  crc: number
  localHeaderOffset: number
}

const SIG_EOCD = 0x06054b50
const SIG_ZIP64_LOCATOR = 0x07064b50
const SIG_ZIP64_EOCD = 0x06064b50
const SIG_CENTRAL = 0x02014b50
const SIG_LOCAL = 0x04034b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const METHOD_STORED = 0
const METHOD_DEFLATE = 8
const FLAG_ENCRYPTED = 0x1
const FLAG_UTF8 = 0x800
/** WinZip AES marks its entries with this method instead of the real one. */
const METHOD_AES = 99
/** The ratio check ignores small entries: tiny XML parts legitimately compress very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024
/** Per central-directory record, generous for real workbooks (names are short, extras small). */
const MAX_DIRECTORY_BYTES_PER_ENTRY = 4096
const READ_CHUNK = 64 * 1024

const fmt = (n: number): string => n.toLocaleString('en-US')

/** A size for a message: `98 KB`, `12.3 MB`, `4.0 GB`. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${fmt(Math.ceil(bytes / 1024))} KB`
}

/** Reads `length` bytes at `position`; a short read means the file is shorter than its headers say. */
async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done)
    if (bytesRead === 0) break
    done += bytesRead
  }
  return done === length ? buf : buf.subarray(0, done)
}

/** 64-bit little-endian sizes from ZIP64 records; anything past 2^53 is not a real file. */
function readU64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset)
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value)
}

export class ZipArchive {
  private closed = false

  private constructor(
    private readonly fh: FileHandle,
    /** The file's base name, to start messages with. */
    readonly fileName: string,
    readonly fileSize: number,
    private readonly byName: ReadonlyMap<string, ZipEntry>,
    private readonly limits: ZipLimits,
  ) {}

  /** Opens and checks an archive; the file handle stays open until `close()`. */
  static async open(path: string, limits: ZipLimits): Promise<ZipArchive> {
    const fh = await open(path, 'r')
    const fileName = basename(path)
    try {
      const { size } = await fh.stat()
      const entries = await readDirectory(fh, fileName, size, limits)
      return new ZipArchive(fh, fileName, size, entries, limits)
    } catch (e) {
      await fh.close()
      throw e
    }
  }

  /** Looks an entry up the way OPC names parts: case-insensitively, without a leading `/`. */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(partKey(name))
  }

  /**
   * Streams an entry's inflated bytes. Stops with a ZipError as soon as the entry inflates past its
   * declared size, and checks the size and CRC at the end, so a consumer that reads to the end has
   * seen exactly the bytes the archive vouches for. Breaking out of the loop releases everything.
   */
  async *stream(entry: ZipEntry): AsyncGenerator<Buffer, void, undefined> {
    this.checkRatio(entry)
    const start = await this.dataStart(entry)
    const source = Readable.from(this.compressedChunks(start, entry.compressedSize))
    let output: Readable = source
    if (entry.method === METHOD_DEFLATE) {
      // Small output chunks and the stream's own back-pressure keep the overshoot past a lying
      // declared size to a few tens of kilobytes.
      const inflate = createInflateRaw({ chunkSize: READ_CHUNK })
      // Errors surface through the iteration below; the callback only has to exist.
      pipeline(source, inflate, () => undefined)
      output = inflate
    }
    let inflated = 0
    let crc = 0
    try {
      for await (const chunk of output as AsyncIterable<Buffer>) {
        inflated += chunk.length
        if (inflated > entry.size) {
          throw new ZipError(
            `"${this.fileName}" looks like a zip bomb: ${entry.name} inflates to more than its declared ${sizeText(entry.size)}`,
          )
        }
        crc = crc32(chunk, crc)
        yield chunk
      }
    } catch (e) {
      if (e instanceof ZipError) throw e
      // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR) mean corrupt or truncated compressed data.
      if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_')) {
        throw new ZipError(`"${this.fileName}" is damaged (${entry.name} cannot be decompressed)`)
      }
      throw e
    } finally {
      output.destroy()
      source.destroy()
    }
    if (inflated !== entry.size || crc >>> 0 !== entry.crc) {
      throw new ZipError(`"${this.fileName}" is damaged (${entry.name} fails its size or checksum check)`)
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.fh.close()
  }

  /**
   * Checked when an entry is about to be read rather than for every entry at open: a workbook may
   * carry parts we never read (pivot caches, images), and those should not make it unreadable.
   */
  private checkRatio(entry: ZipEntry): void {
    if (entry.size <= RATIO_FLOOR_BYTES) return
    const ratio = entry.size / Math.max(entry.compressedSize, 1)
    if (ratio > this.limits.maxCompressionRatio) {
      throw new ZipError(
        `"${this.fileName}" looks like a zip bomb: ${entry.name} would inflate ${fmt(Math.round(ratio))} times ` +
          `(${sizeText(entry.compressedSize)} to ${sizeText(entry.size)}; the limit is ${fmt(this.limits.maxCompressionRatio)} times)`,
      )
    }
  }

  /** The local header repeats the name and has its own extra field, so the data offset is only known here. */
  private async dataStart(entry: ZipEntry): Promise<number> {
    const header = await readAt(this.fh, entry.localHeaderOffset, 30)
    if (header.length < 30 || header.readUInt32LE(0) !== SIG_LOCAL) {
      throw new ZipError(`"${this.fileName}" is damaged (the zip entry ${entry.name} is missing)`)
    }
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
    if (start + entry.compressedSize > this.fileSize) {
      throw new ZipError(`"${this.fileName}" is damaged or truncated (${entry.name} runs past the end of the file)`)
    }
    return start
  }

  private async *compressedChunks(start: number, length: number): AsyncGenerator<Buffer, void, undefined> {
    let position = start
    const end = start + length
    while (position < end) {
      // A fresh buffer each time: the inflater may still hold the previous one.
      const chunk = await readAt(this.fh, position, Math.min(READ_CHUNK, end - position))
      if (chunk.length === 0) return
      position += chunk.length
      yield chunk
    }
  }
}

/** OPC part names are case-insensitive; some writers also use `\` or a leading `/`. */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase()
}

async function readDirectory(fh: FileHandle, fileName: string, fileSize: number, limits: ZipLimits): Promise<Map<string, ZipEntry>> {
  const head = await readAt(fh, 0, 8)
  if (head.length === 8 && head.equals(OLE2_MAGIC)) {
    throw new ZipError(
      (await isEncryptedOoxml(fh))
        ? `"${fileName}" is password-protected; open it in Excel, remove the password and save it again`
        : `"${fileName}" is an old-style .xls workbook; save it as .xlsx or CSV`,
    )
  }
  const notZip = (): ZipError => new ZipError(`"${fileName}" is not an XLSX workbook (it is not a zip archive)`)
  const damaged = (what: string): ZipError => new ZipError(`"${fileName}" is damaged (${what})`)

  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT)
  const tailStart = fileSize - tailLength
  const tail = await readAt(fh, tailStart, tailLength)
  let eocd = -1
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw notZip()

  let count = tail.readUInt16LE(eocd + 10)
  let dirSize = tail.readUInt32LE(eocd + 12)
  let dirOffset = tail.readUInt32LE(eocd + 16)
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    // ZIP64: a locator just before the EOCD points at the 64-bit directory record.
    const locatorAt = tailStart + eocd - 20
    const locator = locatorAt >= 0 ? await readAt(fh, locatorAt, 20) : Buffer.alloc(0)
    if (locator.length === 20 && locator.readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
      const recordAt = readU64(locator, 8)
      const record = recordAt + 56 <= fileSize ? await readAt(fh, recordAt, 56) : Buffer.alloc(0)
      if (record.length < 56 || record.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw damaged('its ZIP64 directory is missing')
      count = readU64(record, 32)
      dirSize = readU64(record, 40)
      dirOffset = readU64(record, 48)
    }
  }
  if (count > limits.maxZipEntries) {
    throw new ZipError(`"${fileName}" holds more than ${fmt(limits.maxZipEntries)} zip entries; it is not a workbook Tandem can read`)
  }
  if (dirOffset + dirSize > fileSize || dirSize > count * MAX_DIRECTORY_BYTES_PER_ENTRY + EOCD_SIZE) {
    throw damaged('its zip directory is not where it should be')
  }

  const dir = await readAt(fh, dirOffset, dirSize)
  const entries = new Map<string, ZipEntry>()
  let declaredTotal = 0
  let at = 0
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== SIG_CENTRAL) throw damaged('its zip directory is cut short')
    const flags = dir.readUInt16LE(at + 8)
    const method = dir.readUInt16LE(at + 10)
    const crc = dir.readUInt32LE(at + 16)
    let compressedSize = dir.readUInt32LE(at + 20)
    let size = dir.readUInt32LE(at + 24)
    const nameLength = dir.readUInt16LE(at + 28)
    const extraLength = dir.readUInt16LE(at + 30)
    const commentLength = dir.readUInt16LE(at + 32)
    let localHeaderOffset = dir.readUInt32LE(at + 42)
    const nameEnd = at + 46 + nameLength
    if (nameEnd + extraLength + commentLength > dir.length) throw damaged('its zip directory is cut short')
    // Without the UTF-8 flag names are CP437; workbook part names are ASCII, where both agree.
    const name = dir.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', at + 46, nameEnd).replace(/\\/g, '/')

    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // The ZIP64 extra field holds, in this order, only the values whose 32-bit field is saturated.
      const zip64 = findExtra(dir, nameEnd, nameEnd + extraLength, 0x0001)
      if (!zip64) throw damaged(`${name} lacks its ZIP64 sizes`)
      let p = zip64.start
      const take = (): number => {
        if (p + 8 > zip64.end) throw damaged(`${name} has a short ZIP64 field`)
        const v = readU64(dir, p)
        p += 8
        return v
      }
      if (size === 0xffffffff) size = take()
      if (compressedSize === 0xffffffff) compressedSize = take()
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = take()
    }
    at = nameEnd + extraLength + commentLength

    if (flags & FLAG_ENCRYPTED || method === METHOD_AES) {
      throw new ZipError(`"${fileName}" has encrypted parts (${name}); remove the password in Excel and save it again`)
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      throw new ZipError(`"${fileName}" uses a compression Tandem cannot read (method ${method} in ${name}); save it again from Excel`)
    }
    if (method === METHOD_STORED && compressedSize !== size) throw damaged(`${name} has inconsistent sizes`)
    if (localHeaderOffset >= fileSize) throw damaged(`${name} points past the end of the file`)
    declaredTotal += size
    if (declaredTotal > limits.maxInflatedBytes) {
      throw new ZipError(
        `"${fileName}" would inflate to more than ${sizeText(limits.maxInflatedBytes)} (the limit); it is too large or a zip bomb`,
      )
    }
    // Directory entries (names ending in /) carry no data.
    if (!name.endsWith('/')) entries.set(partKey(name), { name, method, compressedSize, size, crc, localHeaderOffset })
  }
  return entries
}

function findExtra(buf: Buffer, start: number, end: number, id: number): { start: number; end: number } | undefined {
  let p = start
  while (p + 4 <= end) {
    const fieldId = buf.readUInt16LE(p)
    const length = buf.readUInt16LE(p + 2)
    if (fieldId === id) return { start: p + 4, end: Math.min(p + 4 + length, end) }
    p += 4 + length
  }
  return undefined
}

/**
 * Excel saves a password-protected .xlsx inside an OLE2 container whose directory lists an
 * "EncryptedPackage" stream; telling it apart from an old .xls gives the user the right advice.
 * The directory's first sector is named in the header; a few KB from there cover its first entries.
 */
async function isEncryptedOoxml(fh: FileHandle): Promise<boolean> {
  const header = await readAt(fh, 0, 512)
  if (header.length < 512) return false
  const sectorSize = 2 ** header.readUInt16LE(30)
  const firstDirSector = header.readUInt32LE(48)
  if (sectorSize < 512 || sectorSize > 4096 || firstDirSector >= 0xfffffffa) return false
  const dir = await readAt(fh, (firstDirSector + 1) * sectorSize, 4096)
  return dir.includes(Buffer.from('EncryptedPackage', 'utf16le'))
}
