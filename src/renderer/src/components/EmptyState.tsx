import type { JSX, ReactNode } from 'react'
import { Icon, type IconName } from './Icon'

/** What a view shows before it has data: what it will show, and the one thing to do first. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: IconName
  title: string
  children: ReactNode
  action?: ReactNode
}): JSX.Element {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="empty-icon">
        <Icon name={icon} size={40} />
      </div>
      <h2 id="empty-title">{title}</h2>
      <div className="empty-body">{children}</div>
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  )
}
