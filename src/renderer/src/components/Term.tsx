import { useId, type JSX, type KeyboardEvent, type ReactNode } from 'react'
import { GLOSSARY, type GlossaryKey } from '@shared/glossary'

const MARGIN = 8

/**
 * Keeps a definition inside the window before it shows: shifted left (a name near the right edge, the
 * last card of a row) or right, and above its name when there is no room below. The tip is laid out
 * while hidden, so it can be measured first.
 */
function placeTip(wrapper: HTMLElement): void {
  const tip = wrapper.querySelector<HTMLElement>('.term-tip')
  if (!tip) return
  tip.style.removeProperty('--tip-shift')
  tip.classList.remove('term-tip-above')
  const r = tip.getBoundingClientRect()
  const right = window.innerWidth - MARGIN
  const shift = r.right > right ? Math.max(right - r.right, MARGIN - r.left) : r.left < MARGIN ? MARGIN - r.left : 0
  if (shift !== 0) tip.style.setProperty('--tip-shift', `${Math.round(shift)}px`)
  if (r.bottom > window.innerHeight - MARGIN && wrapper.getBoundingClientRect().top - r.height - MARGIN >= MARGIN) {
    tip.classList.add('term-tip-above')
  }
}

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
      <span
        className={`term term-with-button term-${align}`}
        data-term={name}
        onPointerEnter={(e) => placeTip(e.currentTarget)}
        onFocus={(e) => placeTip(e.currentTarget)}
      >
        <button type="button" className="term-button" aria-describedby={id} aria-label={label} onKeyDown={onKeyDown} onClick={onClick}>
          {children ?? entry.term}
        </button>
        {tip}
      </span>
    )
  }
  return (
    <span
      className={`term term-${align}`}
      tabIndex={0}
      aria-describedby={id}
      onKeyDown={onKeyDown}
      data-term={name}
      onPointerEnter={(e) => placeTip(e.currentTarget)}
      onFocus={(e) => placeTip(e.currentTarget)}
    >
      {children ?? entry.term}
      {tip}
    </span>
  )
}
