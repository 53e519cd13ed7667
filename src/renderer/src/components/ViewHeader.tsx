import type { JSX, ReactNode } from 'react'

export function ViewHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }): JSX.Element {
  return (
    <header className="view-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="view-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="view-actions">{actions}</div> : null}
    </header>
  )
}
