import type { JSX, ReactNode } from 'react'

/**
 * A table that may scroll sideways in a narrow window: a named region the keyboard can reach and
 * scroll (axe: scrollable-region-focusable).
 */
export function ScrollArea({ label, className, children }: { label: string; className?: string; children: ReactNode }): JSX.Element {
  return (
    <div className={className ? `table-scroll ${className}` : 'table-scroll'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
