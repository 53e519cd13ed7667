import { useEffect, useRef, type JSX } from 'react'
import { Icon } from '../../components/Icon'
import { formatMoney } from '../../format'
import { useStore } from '../../store'
import { TARGET_KINDS, newRow, type EditorRow, type TargetKind } from '../../store/targets-slice'
import { TableHead } from '../../components/TableHead'

/**
 * The targets of one fiscal year, editable: the joint revenue target and the teams' sub-targets, by
 * month, quarter or year, optionally per segment. Saving writes one batch ("Edited in Tandem") that the
 * import history lists and can undo.
 */
export function TargetEditor({ currency, period }: { currency: string; period: string }): JSX.Element | null {
  const editor = useStore((s) => s.targetEditor)
  const busy = useStore((s) => s.targetEditorBusy)
  const error = useStore((s) => s.targetEditorError)
  const edit = useStore((s) => s.editTargetRows)
  const close = useStore((s) => s.closeTargetEditor)
  const save = useStore((s) => s.saveTargetEditor)
  const heading = useRef<HTMLHeadingElement>(null)
  const open = editor !== null

  // Opening the editor moves the keyboard focus into it.
  useEffect(() => {
    if (open) heading.current?.focus()
  }, [open])

  if (!editor) return null
  const update = (id: number, change: Partial<EditorRow>): void => edit((rows) => rows.map((r) => (r.id === id ? { ...r, ...change } : r)))
  return (
    <section className="panel target-editor" aria-labelledby="target-editor-title">
      <h2 id="target-editor-title" className="panel-title" tabIndex={-1} ref={heading}>
        <Icon name="edit" /> Targets for {editor.fiscalYear}
      </h2>
      <p className="field-help">
        Amounts in {currency}; an MQL target is a number of leads. Periods are months (2025-08), fiscal quarters (2025-Q3) or fiscal years
        (FY2025): a quarter or year without a target of its own adds up its months. Leave the segment empty for the whole business. Saved
        targets appear in Import history as “Edited in Tandem”, where they can be undone.
      </p>
      {error ? (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {error}
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="edit-table target-table" aria-label="Targets">
          <TableHead cells={['Period', 'Target for', 'Segment', 'Amount']} last="Remove" />
          <tbody>
            {editor.rows.map((row, i) => (
              <tr key={row.id}>
                <td>
                  <input
                    className="input period-input"
                    aria-label={`Period of target ${i + 1}`}
                    placeholder="2025-08"
                    value={row.period}
                    onChange={(e) => update(row.id, { period: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    className="input"
                    aria-label={`What target ${i + 1} is for`}
                    value={row.kind}
                    onChange={(e) => update(row.id, { kind: e.target.value as TargetKind })}
                  >
                    {(Object.keys(TARGET_KINDS) as TargetKind[]).map((k) => (
                      <option key={k} value={k}>
                        {TARGET_KINDS[k].label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input"
                    aria-label={`Segment of target ${i + 1}`}
                    placeholder={row.kind === 'mqls' ? 'all MQLs' : 'whole business'}
                    disabled={row.kind === 'mqls'}
                    value={row.kind === 'mqls' ? '' : row.segment}
                    onChange={(e) => update(row.id, { segment: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="input number"
                    inputMode="decimal"
                    aria-label={`Amount of target ${i + 1}`}
                    value={row.amount}
                    onChange={(e) => update(row.id, { amount: e.target.value })}
                  />
                  {row.origin && row.origin.currency !== currency && row.kind !== 'mqls' ? (
                    <span className="field-help"> stored as {formatMoney(row.origin.amount, row.origin.currency)}</span>
                  ) : null}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove target ${i + 1}`}
                    title="Remove"
                    onClick={() => edit((rows) => rows.filter((r) => r.id !== row.id))}
                  >
                    <Icon name="close" size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="button-row">
        <button type="button" className="button subtle" onClick={() => edit((rows) => [...rows, newRow(period)])}>
          <Icon name="plus" size={16} /> Add a target
        </button>
      </div>
      <div className="button-row editor-actions">
        <button type="button" className="button" onClick={close} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button primary" onClick={() => void save()} disabled={busy}>
          <Icon name="save" size={16} /> {busy ? 'Saving…' : 'Save targets'}
        </button>
      </div>
    </section>
  )
}
