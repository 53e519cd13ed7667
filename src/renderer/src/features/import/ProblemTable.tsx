import type { JSX } from 'react'
import type { ListedProblem } from '@shared/import/outcome'

export function ProblemTable({ problems, label }: { problems: ListedProblem[]; label: string }): JSX.Element {
  return (
    <div className="table-scroll problems">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${p.row}-${p.column}-${i}`} className={p.kind === 'duplicate' ? 'duplicate-row' : undefined}>
              <td className="num">{p.row}</td>
              <td>{p.column}</td>
              <td className="mono">{p.value}</td>
              <td>{p.kind === 'duplicate' ? `Replaced: ${p.reason}` : p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
