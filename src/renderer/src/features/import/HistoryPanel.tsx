import { Fragment, useState, type JSX } from 'react'
import type { BatchSummary, ListedProblem } from '@shared/import/outcome'
import { api, call, messageOf } from '../../api'
import { formatDateTime } from '../../format'
import { useStore } from '../../store'
import { KIND_LABEL, num } from './labels'
import { ProblemTable } from './ProblemTable'

function BatchProblems({ batch }: { batch: BatchSummary }): JSX.Element {
  const [problems, setProblems] = useState<{ total: number; items: ListedProblem[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const save = useStore((s) => s.saveImportProblems)
  if (!problems) {
    return (
      <button
        type="button"
        className="button subtle"
        onClick={() => void call(api().import.problems(batch.id, 0, 200)).then(setProblems, (e: unknown) => setError(messageOf(e)))}
      >
        Show invalid rows
      </button>
    )
  }
  return (
    <div>
      {error ? <p role="alert">{error}</p> : null}
      <ProblemTable problems={problems.items} label={`Invalid rows of import ${batch.id}`} />
      {problems.total > problems.items.length ? <p className="muted">The first {num(problems.items.length)} of {num(problems.total)}.</p> : null}
      <button type="button" className="button subtle" onClick={() => void save({ batchId: batch.id })}>
        Save them as CSV…
      </button>
    </div>
  )
}

/** Every committed batch, newest first, with what it did and a way to undo it exactly. */
export function HistoryPanel(): JSX.Element {
  const history = useStore((s) => s.history)
  const undo = useStore((s) => s.undoImport)
  const [confirming, setConfirming] = useState<number | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title" className="panel-title">
        Import history
      </h2>
      {history.length === 0 ? (
        <p className="muted">Nothing imported into this workspace yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table history" aria-label="Import history">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Imported</th>
                <th scope="col">File</th>
                <th scope="col">As</th>
                <th scope="col" className="num">
                  New
                </th>
                <th scope="col" className="num">
                  Changed
                </th>
                <th scope="col" className="num">
                  Unchanged
                </th>
                <th scope="col" className="num">
                  Invalid
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((b) => (
                <Fragment key={b.id}>
                  <tr className={b.undoneAt ? 'undone' : undefined}>
                    <td className="num">{b.id}</td>
                    <td>{formatDateTime(b.committedAt)}</td>
                    <td title={b.filePath}>
                      {b.fileName}
                      {b.sheet ? <span className="muted"> · {b.sheet}</span> : null}
                    </td>
                    <td>
                      {KIND_LABEL[b.kind]} <span className="muted">({b.sourceSystem})</span>
                    </td>
                    <td className="num">{num(b.new)}</td>
                    <td className="num">{num(b.changed)}</td>
                    <td className="num">{num(b.unchanged)}</td>
                    <td className="num">
                      {b.invalid > 0 ? (
                        <button type="button" className="link-button" onClick={() => setOpen(open === b.id ? null : b.id)} aria-expanded={open === b.id}>
                          {num(b.invalid)}
                        </button>
                      ) : (
                        '0'
                      )}
                    </td>
                    <td className="actions">
                      {b.undoneAt ? (
                        <span className="muted">Undone {formatDateTime(b.undoneAt)}</span>
                      ) : confirming === b.id ? (
                        <span className="confirm">
                          Remove what this import added and restore what it changed?{' '}
                          <button
                            type="button"
                            className="button danger"
                            onClick={() => {
                              setConfirming(null)
                              void undo(b.id)
                            }}
                          >
                            Undo import
                          </button>{' '}
                          <button type="button" className="button subtle" onClick={() => setConfirming(null)}>
                            Keep
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="button subtle" onClick={() => setConfirming(b.id)}>
                          Undo…
                        </button>
                      )}
                    </td>
                  </tr>
                  {open === b.id ? (
                    <tr>
                      <td colSpan={9}>
                        <BatchProblems batch={b} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
