import { Fragment, useState, type JSX } from 'react'
import type { BatchSummary, ListedProblem } from '@shared/import/outcome'
import { api, call, messageOf } from '../../api'
import { formatDateTime } from '../../format'
import { useStore } from '../../store'
import { fieldsOf } from '@shared/import/fields'
import { DATE_ORDER_LABEL, KIND_LABEL, columnLabel, num } from './labels'
import { ProblemTable } from './ProblemTable'
import { TableHead } from '../../components/TableHead'
import { ScrollArea } from '../../components/ScrollArea'

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
      {problems.total > problems.items.length ? (
        <p className="muted">
          The first {num(problems.items.length)} of {num(problems.total)}.
        </p>
      ) : null}
      <button type="button" className="button subtle" onClick={() => void save({ batchId: batch.id })}>
        Save them as CSV…
      </button>
    </div>
  )
}

function BatchDetails({ batch }: { batch: BatchSummary }): JSX.Element {
  const o = batch.options
  const labels = new Map(fieldsOf(batch.kind).map((f) => [f.name, f.label]))
  return (
    <div className="batch-details">
      <p className="muted">
        {batch.format.toUpperCase()}
        {batch.sheet ? `, sheet "${batch.sheet}"` : ''}, header row {o.headerRow}, dates {DATE_ORDER_LABEL[o.dateOrder]?.toLowerCase()},
        source system “{batch.sourceSystem}”, SHA-256 <span className="mono">{batch.fileHash.slice(0, 12)}…</span>
      </p>
      <ul className="mapping-summary" aria-label={`Mapping of import ${batch.id}`}>
        {Object.entries(o.mapping).map(([field, src]) => (
          <li key={field}>
            {labels.get(field) ?? field} ← {'constant' in src ? `"${src.constant}" for every row` : columnLabel(src.column, src.header)}
          </li>
        ))}
        {o.wide ? <li>One target per month column ({o.wide.periodColumns.length} columns)</li> : null}
      </ul>
      {batch.invalid + batch.duplicates > 0 ? <BatchProblems batch={batch} /> : null}
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
        <ScrollArea label="Import history (scrolls sideways)">
          <table className="data-table history" aria-label="Import history">
            <TableHead
              cells={[{ num: '#' }, 'Imported', 'File', 'As', { num: 'New' }, { num: 'Changed' }, { num: 'Unchanged' }, { num: 'Invalid' }]}
              last="Actions"
            />
            <tbody>
              {history.map((b) => (
                <Fragment key={b.id}>
                  <tr className={b.undoneAt ? 'undone' : undefined}>
                    <td className="num">{b.id}</td>
                    <td>{formatDateTime(b.committedAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setOpen(open === b.id ? null : b.id)}
                        aria-expanded={open === b.id}
                      >
                        {b.fileName}
                      </button>
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
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setOpen(open === b.id ? null : b.id)}
                          aria-expanded={open === b.id}
                        >
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
                        <BatchDetails batch={b} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  )
}
