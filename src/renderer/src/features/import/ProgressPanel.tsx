import type { JSX } from 'react'
import { useStore } from '../../store'
import { num } from './labels'

/** A running check or import: how far it is, how fast, and a way to stop it that changes nothing. */
export function ProgressPanel(): JSX.Element {
  const phase = useStore((s) => s.importPhase)
  const progress = useStore((s) => s.importProgress)
  const inspection = useStore((s) => s.inspection)
  const cancel = useStore((s) => s.cancelImport)
  const fraction = progress && progress.totalBytes > 0 ? Math.min(1, progress.bytes / progress.totalBytes) : null
  const what = phase === 'committing' ? 'Importing' : 'Checking'
  return (
    <section className="panel" aria-labelledby="progress-title">
      <h2 id="progress-title" className="panel-title">
        {what} {inspection?.fileName}…
      </h2>
      <progress
        className="progress"
        aria-label={`${what} progress`}
        max={1}
        {...(fraction !== null && progress?.phase === 'reading' ? { value: fraction } : {})}
      />
      <p className="progress-facts" aria-live="polite">
        {progress
          ? `${num(progress.rows)} rows${progress.rowsPerSecond > 0 ? ` · ${num(progress.rowsPerSecond)} rows per second` : ''}${
              progress.phase === 'finishing' ? ' · finishing' : ''
            }`
          : 'Starting…'}
      </p>
      <button type="button" className="button" onClick={() => void cancel()}>
        Cancel
      </button>
      <p className="muted">Cancelling leaves the workspace exactly as it was.</p>
    </section>
  )
}
