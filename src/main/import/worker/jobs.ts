import type { Worker } from 'node:worker_threads'
import { startWorker } from '../../workers'
import type { ImportJob } from './import-job'

/** Starts an import job worker (import-job.ts), found relative to this folder in source and in the build. */
export function startImportJob(job: ImportJob): Worker {
  return startWorker(__dirname, 'import-job', job)
}
