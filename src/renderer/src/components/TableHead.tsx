import type { JSX } from 'react'

/** A column header: its text, or `{ num }` for a column of numbers (right-aligned like them). */
export type HeadCell = string | { num: string }

/**
 * The header row of a data table. `last` names a last column for screen readers only: the column of each
 * row's buttons ("Actions", "Remove", "Restore").
 */
export function TableHead({ cells, last }: { cells: readonly HeadCell[]; last?: string }): JSX.Element {
  return (
    <thead>
      <tr>
        {cells.map((cell, i) =>
          typeof cell === 'string' ? (
            <th key={i} scope="col">
              {cell}
            </th>
          ) : (
            <th key={i} scope="col" className="num">
              {cell.num}
            </th>
          ),
        )}
        {last ? (
          <th scope="col">
            <span className="sr-only">{last}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  )
}
