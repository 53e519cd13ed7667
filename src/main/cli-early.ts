import { resolve } from 'node:path'
import { DEFAULT_LIMITS } from '@shared/import/types'
import type { EarlyRead } from './cli'
import { SNIFF_ROWS, startRead } from './import/worker/read-in-worker'
import { sniffFile } from './import/read/sniff'

/**
 * `import <file> …`: starts reading the file (its sniff and its parse worker, paused after the sample)
 * before the rest of the CLI loads, so the worker boots meanwhile (about 0.15 s of a run). Only a guess
 * from the arguments: the import command uses it when it names the same file and sheet, and reads the
 * file itself otherwise (or when this read failed: then it reports why).
 */
export function earlyRead(argv: readonly string[]): EarlyRead | undefined {
  const [command, file] = argv
  if (command !== 'import' || file === undefined || file.startsWith('-')) return undefined
  const at = argv.indexOf('--sheet')
  const sheet = at > 0 ? (argv[at + 1] ?? null) : (argv.find((a) => a.startsWith('--sheet='))?.slice('--sheet='.length) ?? null)
  const path = resolve(file)
  const sampled = sniffFile(path, DEFAULT_LIMITS).then((sniffed) => ({
    sniffed,
    session: startRead({ path, sniffed, sheet, limits: DEFAULT_LIMITS, sampleRows: SNIFF_ROWS }),
  }))
  sampled.catch(() => undefined)
  return { path, sheet, sampled }
}
