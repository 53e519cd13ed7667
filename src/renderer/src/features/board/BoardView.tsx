import type { JSX } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { ViewHeader } from '../../components/ViewHeader'

export function BoardView(): JSX.Element {
  return (
    <>
      <ViewHeader title="Meeting Board" subtitle="Did we do what we agreed last time?" />
      <EmptyState icon="board" title="No meetings yet">
        <p>
          The board keeps your joint meetings and the action items agreed in them, with owners, due dates and what
          was carried over. Meetings are not available in this version yet.
        </p>
      </EmptyState>
    </>
  )
}
