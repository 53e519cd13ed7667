import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe } from 'vitest'

/**
 * The real public exports in `../shared/datasets` (see its SOURCES.md), found relative to the repository
 * and never by an absolute path. CI has them; a clone elsewhere may not, and then the tests over them are
 * skipped with a line that says so.
 */
export const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets')
export const datasetsPresent = existsSync(DATASETS)

/** A file of the datasets folder, by its path inside it. */
export const dataset = (path: string): string => join(DATASETS, path)

/** `describe` over the real exports: skipped, and said so in the test output, when they are absent. */
export function describeDatasets(name: string, fn: () => void): void {
  if (!datasetsPresent) console.warn(`skipped "${name}": no ../shared/datasets next to the repository`)
  describe.skipIf(!datasetsPresent)(name, fn)
}
