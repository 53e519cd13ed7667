import { useId, type JSX, type KeyboardEvent, type ReactNode } from 'react'
import { TARGETS_GLOSSARY, type GlossaryKey } from '@shared/glossary'

/**
 * A metric's name that carries its definition from the glossary: shown on hover and on keyboard focus
 * (Escape hides it again), and read by screen readers as the name's description. Both teams read a
 * number by the same definition, wherever it appears.
 */
export function Term({ name, children, align = 'start' }: { name: GlossaryKey; children?: ReactNode; align?: 'start' | 'end' }): JSX.Element {
  const id = useId()
  const entry = TARGETS_GLOSSARY[name]
  const onKeyDown = (e: KeyboardEvent<HTMLSpanElement>): void => {
    if (e.key === 'Escape') e.currentTarget.blur()
  }
  return (
    <span className={`term term-${align}`} tabIndex={0} aria-describedby={id} onKeyDown={onKeyDown} data-term={name}>
      {children ?? entry.term}
      <span className="term-tip" role="tooltip" id={id}>
        <strong>{entry.term}:</strong> {entry.definition}
      </span>
    </span>
  )
}
