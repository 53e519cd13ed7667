import type { JSX, ReactNode } from 'react'
import { PresentButton } from './PresentButton'

export function ViewHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }): JSX.Element {
  return (
    <header className="view-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="view-subtitle">{subtitle}</p> : null}
      </div>
      <div className="view-actions">
        {actions}
        <PresentButton />
      </div>
    </header>
  )
}
