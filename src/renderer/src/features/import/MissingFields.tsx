import type { JSX } from 'react'
import { missingFieldLine, type ImportOutcome } from '@shared/import/outcome'
import { Icon } from '../../components/Icon'
import { useStore } from '../../store'

/**
 * Rows the import writes without a field the metrics need (a lead's hand-off date, a deal's close date
 * or amount): counted, with the file's likely column one click away in the mapping.
 */
export function MissingFields({ outcome, canRemap }: { outcome: ImportOutcome; canRemap: boolean }): JSX.Element | null {
  const inspection = useStore((s) => s.inspection)
  const edit = useStore((s) => s.editImport)
  const back = useStore((s) => s.backToMapping)
  if (outcome.missingFields.length === 0) return null
  const remap = (field: string, header: string): void => {
    const column = inspection?.headers.indexOf(header) ?? -1
    if (column < 0) return
    edit((draft) => ({ ...draft, mapping: { ...draft.mapping, [field]: { column, header } } }))
    back()
  }
  return (
    <div className="banner banner-warning" role="note" data-testid="missing-fields">
      <Icon name="alert" />
      <div>
        <strong>Some numbers will not count these rows.</strong>
        <ul className="plain-list">
          {outcome.missingFields.map((m) => (
            <li key={m.field}>
              {missingFieldLine(m, outcome.rowsRead)}{' '}
              {canRemap && m.likelyColumn !== null ? (
                <button type="button" className="link-button" onClick={() => remap(m.field, m.likelyColumn as string)}>
                  Map “{m.likelyColumn}” as the {m.what}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
