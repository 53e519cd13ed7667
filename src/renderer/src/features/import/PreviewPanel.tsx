import type { JSX } from 'react'
import type { ImportOutcome } from '@shared/import/outcome'
import { Icon } from '../../components/Icon'
import { useStore } from '../../store'
import { KIND_LABEL, exampleKey, exampleValue, num } from './labels'
import { MissingFields } from './MissingFields'
import { ProblemTable } from './ProblemTable'

export function CountTiles({ outcome }: { outcome: ImportOutcome }): JSX.Element {
  const tiles: [string, number, string][] = [
    ['New', outcome.new, 'new'],
    ['Changed', outcome.changed, 'changed'],
    ['Unchanged', outcome.unchanged, 'unchanged'],
    ['Invalid', outcome.invalid, 'invalid'],
  ]
  if (outcome.duplicates > 0) tiles.push(['Replaced duplicates', outcome.duplicates, 'duplicate'])
  return (
    <dl className="count-tiles">
      {tiles.map(([label, n, cls]) => (
        <div key={label} className={`tile tile-${cls}`}>
          <dt>{label}</dt>
          <dd data-testid={`count-${cls}`}>{num(n)}</dd>
        </div>
      ))}
    </dl>
  )
}

/** What a commit would change, before anything is written. */
export function PreviewPanel(): JSX.Element | null {
  const preview = useStore((s) => s.preview)
  const inspection = useStore((s) => s.inspection)
  const error = useStore((s) => s.importError)
  const commit = useStore((s) => s.commitImport)
  const back = useStore((s) => s.backToMapping)
  const saveProblems = useStore((s) => s.saveImportProblems)
  const jobId = useStore((s) => s.importJobId)
  const previewJobId = useStore((s) => s.previewJobId)
  if (!preview || !inspection) return null
  const writes = preview.new + preview.changed
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title" className="panel-title">
        What importing {preview.fileName} will change
      </h2>
      <p className="muted">
        {num(preview.rowsRead)} data rows read as {KIND_LABEL[preview.kind].toLowerCase()} from {preview.sourceSystem}. Nothing has been
        written yet.
      </p>
      <CountTiles outcome={preview} />
      <MissingFields outcome={preview} canRemap />
      {error ? (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {error}
        </div>
      ) : null}

      {preview.examples.new.length > 0 ? (
        <details className="examples" open>
          <summary>Examples of new rows</summary>
          <ul>
            {preview.examples.new.map((e) => (
              <li key={`${e.row}-${e.key}`}>
                Row {e.row}: <strong>{exampleKey(preview.kind, e.key)}</strong>{' '}
                <span className="muted">
                  {Object.entries(e.values)
                    .filter(
                      ([k, v]) => v !== null && v !== '' && !(preview.kind === 'targets' && ['period', 'team', 'segment'].includes(k)),
                    )
                    .slice(0, 5)
                    .map(([k, v]) => `${k} ${exampleValue(v)}`)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {preview.examples.changed.length > 0 ? (
        <details className="examples" open>
          <summary>Examples of changed rows</summary>
          <ul>
            {preview.examples.changed.map((e) => (
              <li key={`${e.row}-${e.key}`}>
                Row {e.row}: <strong>{exampleKey(preview.kind, e.key)}</strong>{' '}
                {e.changes.map((c) => (
                  <span key={c.field} className="change">
                    {c.field}: <del>{c.before === null ? '—' : exampleValue(c.before)}</del> →{' '}
                    <ins>{c.after === null ? '—' : exampleValue(c.after)}</ins>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {preview.problemsTotal > 0 ? (
        <>
          <h3 className="subhead">
            {preview.invalid > 0
              ? `${num(preview.invalid)} invalid rows will not be imported`
              : 'Rows replaced by a later row with the same id'}
            {preview.duplicates > 0 && preview.invalid > 0 ? `, ${num(preview.duplicates)} rows replaced by a later one` : ''}
          </h3>
          <ProblemTable problems={preview.problems} label="Invalid rows" />
          {preview.problemsTotal > preview.problems.length ? (
            <p className="muted">
              The first {num(preview.problems.length)} of {num(preview.problemsTotal)} are shown; save them all as CSV.
            </p>
          ) : null}
        </>
      ) : null}
      {preview.trailingBlankRows > 0 ? (
        <p className="muted">{num(preview.trailingBlankRows)} empty rows at the end of the file were ignored.</p>
      ) : null}

      <div className="button-row sticky-actions">
        <button type="button" className="button primary" disabled={writes === 0 || jobId !== null} onClick={() => void commit()}>
          {writes === 0 ? 'Nothing to import' : `Import ${num(writes)} rows`}
        </button>
        <button type="button" className="button" onClick={back}>
          Back to the mapping
        </button>
        {preview.problemsTotal > 0 ? (
          <button type="button" className="button subtle" onClick={() => previewJobId && void saveProblems({ jobId: previewJobId })}>
            Save invalid rows as CSV…
          </button>
        ) : null}
      </div>
    </section>
  )
}
