import { useId, type JSX, type KeyboardEvent, type ReactNode } from 'react'
import { GLOSSARY, type GlossaryKey } from '@shared/glossary'

/**
 * A metric's name that carries its definition from the glossary: shown on hover and on keyboard focus
 * (Escape hides it again), and read by screen readers as the name's description. Both teams read a
 * number by the same definition, wherever it appears. With `onClick` the name is a button (a sortable
 * column's header) that carries the same definition.
 */
export function Term({
  name,
  children,
  align = 'start',
  onClick,
  label,
}: {
  name: GlossaryKey
  children?: ReactNode
  align?: 'start' | 'end'
  onClick?: () => void
  /** The button's accessible name (with `onClick`). */
  label?: string
}): JSX.Element {
  const id = useId()
  const entry = GLOSSARY[name]
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Escape') e.currentTarget.blur()
  }
  const tip = (
    <span className="term-tip" role="tooltip" id={id}>
      <strong>{entry.term}:</strong> {entry.definition}
    </span>
  )
  if (onClick) {
    // The definition sits beside the button, not in it, so that it never becomes part of the button's name.
    return (
      <span className={`term term-with-button term-${align}`} data-term={name}>
        <button type="button" className="term-button" aria-describedby={id} aria-label={label} onKeyDown={onKeyDown} onClick={onClick}>
          {children ?? entry.term}
        </button>
        {tip}
      </span>
    )
  }
  return (
    <span className={`term term-${align}`} tabIndex={0} aria-describedby={id} onKeyDown={onKeyDown} data-term={name}>
      {children ?? entry.term}
      {tip}
    </span>
  )
}
