import { copyFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { FileInspection, ImportOutcome, ImportProgress, ImportRequest, ListedProblem, UndoOutcome } from '@shared/import/outcome'
import type { BatchSummary } from '@shared/import/outcome'
import { AppError, oneLine } from '../errors'
import { batchProblems, getBatch, iterateProblems, listBatches } from '../db/repos/imports'
import type { ImportJob, JobMessage } from '../import/worker/import-job'
import { inspectFile, type InspectOverrides } from '../import/inspect'
import { PROBLEM_CSV_HEADER, problemCsvLines } from '../import/write/problem-file'
import { undoBatch } from '../db/repos/undo'
import { startImportJob } from '../import/worker/jobs'
import { getSettings } from './settings'
import type { WorkspaceManager } from './workspace'

export interface ImportEvents {
  progress(p: ImportProgress): void
  /** A commit or an undo changed the workspace's data. */
  dataChanged(): void
}

interface Running {
  worker: ReturnType<typeof startImportJob>
  cancel(): void
}

/**
 * The app's side of importing: inspects files, runs previews and commits as jobs off the main thread
 * (one at a time per workspace), cancels them, lists the history, undoes batches and exports problems.
 */
export class ImportService {
  private readonly running = new Map<string, Running>()
  /** Problem files of recent previews, by job id (deleted when the workspace changes or the app quits). */
  private readonly previewProblems = new Map<string, string>()
  private readonly scratch = mkdtempSync(join(tmpdir(), 'tandem-import-'))

  constructor(
    private readonly workspace: WorkspaceManager,
    private readonly events: ImportEvents,
  ) {}

  inspect(path: string, overrides: InspectOverrides = {}): Promise<FileInspection> {
    const db = this.workspace.db
    return inspectFile(db, path, getSettings(db).settings, overrides)
  }

  /** Runs a preview or a commit; resolves with what it found or did. Rejects CANCELLED when cancelled. */
  run(jobId: string, request: ImportRequest, mode: 'preview' | 'commit'): Promise<ImportOutcome> {
    if (this.running.size > 0) {
      return Promise.reject(new AppError('BUSY', 'Another import is running; wait for it to finish or cancel it.'))
    }
    const settings = getSettings(this.workspace.db).settings
    const problemsFile = mode === 'preview' ? join(this.scratch, `${jobId.replace(/[^\w-]/g, '')}.csv`) : null
    const job: ImportJob = { workspacePath: this.workspace.path, request, mode, settings, problemsFile }
    return new Promise<ImportOutcome>((resolve, reject) => {
      const worker = startImportJob(job)
      let done = false
      const settle = (fn: () => void): void => {
        if (done) return
        done = true
        this.running.delete(jobId)
        fn()
      }
      this.running.set(jobId, {
        worker,
        cancel: () => worker.postMessage('cancel'),
      })
      worker.on('message', (m: JobMessage) => {
        if (m.type === 'progress') this.events.progress({ jobId, ...m.progress })
        else if (m.type === 'done') {
          if (problemsFile) this.rememberPreview(jobId, problemsFile)
          if (mode === 'commit') this.events.dataChanged()
          settle(() => resolve(m.outcome))
          void worker.terminate()
        } else {
          settle(() =>
            reject(
              m.cancelled
                ? new AppError('CANCELLED', 'Import cancelled; the workspace is as it was.')
                : new AppError((m.code as AppError['code'] | null) ?? 'IMPORT_REFUSED', m.message),
            ),
          )
          void worker.terminate()
        }
      })
      worker.on('error', (e) => settle(() => reject(new AppError('IMPORT_REFUSED', `The import stopped: ${oneLine(e)}`))))
      worker.on('exit', (code) => settle(() => reject(new AppError('IMPORT_REFUSED', `The import stopped unexpectedly (exit ${code}).`))))
    })
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId)
    job?.cancel()
    return job !== undefined
  }

  private rememberPreview(jobId: string, file: string): void {
    this.previewProblems.set(jobId, file)
    // Keep the last few previews' problem files; older ones are no longer on screen.
    for (const [id, f] of [...this.previewProblems].slice(0, -5)) {
      rmSync(f, { force: true })
      this.previewProblems.delete(id)
    }
  }

  history(): BatchSummary[] {
    return listBatches(this.workspace.db)
  }

  problems(batchId: number, offset: number, limit: number): { total: number; items: ListedProblem[] } {
    if (!getBatch(this.workspace.db, batchId)) throw new AppError('NOT_FOUND', `There is no import #${batchId}.`)
    return batchProblems(this.workspace.db, batchId, offset, limit)
  }

  undo(batchId: number): UndoOutcome {
    const outcome = undoBatch(this.workspace.db, batchId)
    this.events.dataChanged()
    return outcome
  }

  /** Writes the problems of a preview (by job id) or of a committed batch to a CSV file. */
  async saveProblems(source: { jobId: string } | { batchId: number }, dest: string): Promise<void> {
    try {
      if ('jobId' in source) {
        const file = this.previewProblems.get(source.jobId)
        if (!file) throw new AppError('NOT_FOUND', 'That preview is no longer available; check the file again.')
        copyFileSync(file, dest)
        return
      }
      if (!getBatch(this.workspace.db, source.batchId)) throw new AppError('NOT_FOUND', `There is no import #${source.batchId}.`)
      const out = createWriteStream(dest)
      out.write(`\uFEFF${PROBLEM_CSV_HEADER}\r\n`)
      let chunk: ListedProblem[] = []
      const flush = async (): Promise<void> => {
        const text = problemCsvLines(chunk)
        chunk = []
        if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()))
      }
      for (const p of iterateProblems(this.workspace.db, source.batchId)) {
        chunk.push(p)
        if (chunk.length === 1000) await flush()
      }
      await flush()
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
    } catch (e) {
      if (e instanceof AppError) throw e
      throw new AppError('FILE_IO', `Could not write ${basename(dest)}: ${oneLine(e)}`)
    }
  }

  /** Cancels running jobs (their transactions roll back) and forgets previews: the workspace is closing. */
  cancelAll(): void {
    for (const job of this.running.values()) job.cancel()
    for (const f of this.previewProblems.values()) rmSync(f, { force: true })
    this.previewProblems.clear()
  }

  /** Stops everything and removes scratch files (app quit). */
  dispose(): void {
    for (const job of this.running.values()) void job.worker.terminate()
    this.running.clear()
    rmSync(this.scratch, { recursive: true, force: true })
  }
}
