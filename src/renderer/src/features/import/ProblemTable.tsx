import type { JSX } from 'react'
import type { ListedProblem } from '@shared/import/outcome'
import { TableHead } from '../../components/TableHead'
import { ScrollArea } from '../../components/ScrollArea'

export function ProblemTable({ problems, label }: { problems: ListedProblem[]; label: string }): JSX.Element {
  return (
    <ScrollArea className="problems" label={`${label} (scrolls sideways)`}>
      <table className="data-table" aria-label={label}>
        <TableHead cells={[{ num: 'Row' }, 'Column', 'Value', 'Why']} />
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
    </ScrollArea>
  )
}
