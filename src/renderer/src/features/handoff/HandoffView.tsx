import type { JSX } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { ViewHeader } from '../../components/ViewHeader'
import { GoToImport } from '../import/GoToImport'

export function HandoffView(): JSX.Element {
  return (
    <>
      <ViewHeader title="Handoff" subtitle="Is the handoff from marketing to sales working?" />
      <EmptyState icon="handoff" title="No leads yet" action={<GoToImport />}>
        <p>
          Import a lead export to see the leads marketing handed to sales, how fast they were touched against the agreed
          SLA, the backlog by age and the funnel from handoff to won.
        </p>
      </EmptyState>
    </>
  )
}
