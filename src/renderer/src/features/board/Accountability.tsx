import type { JSX } from 'react'
import { ACTION_TEAMS, TEAM_LABEL, type Accountability as Counts, type BoardData } from '@shared/board'

const COLUMNS: [keyof Counts, string][] = [
  ['open', 'Open'],
  ['overdue', 'Overdue'],
  ['doneOnTime', 'Done on time'],
  ['doneLate', 'Done late'],
  ['carriedTwiceOrMore', 'Carried 2× or more'],
]

function Table({ label, rows }: { label: string; rows: [string, Counts][] }): JSX.Element {
  return (
    <table className="data-table accountability-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{label.startsWith('By team') ? 'Team' : 'Owner'}</th>
          {COLUMNS.map(([k, name]) => (
            <th key={k} scope="col" className="num">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, c]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {COLUMNS.map(([k]) => (
              <td key={k} className="num">
                {c[k]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The symmetric view both teams agree to be judged by: sales and marketing side by side, then each owner. */
export function AccountabilityPanel({ data }: { data: BoardData['accountability'] }): JSX.Element {
  const owners = Object.entries(data.byOwner).map(([o, c]): [string, Counts] => [o || 'No owner', c])
  return (
    <section className="panel" aria-labelledby="accountability-title">
      <h2 id="accountability-title" className="panel-title">
        Accountability
      </h2>
      <div className="table-scroll">
        <Table label="By team" rows={ACTION_TEAMS.map((t): [string, Counts] => [TEAM_LABEL[t], data.byTeam[t]])} />
      </div>
      {owners.length > 0 ? (
        <div className="table-scroll">
          <Table label="By owner" rows={owners} />
        </div>
      ) : null}
    </section>
  )
}
