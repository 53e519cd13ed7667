import type { JSX } from 'react'
import { useStore } from '../store'
import { Icon } from './Icon'

/** Present (F5) and the deck's settings, in every view's header. */
export function PresentButton(): JSX.Element | null {
  const workspace = useStore((s) => s.workspace)
  const start = useStore((s) => s.startPresentation)
  const openEditor = useStore((s) => s.openDeckEditor)
  if (!workspace) return null
  return (
    <div className="present-buttons">
      <button type="button" className="button" onClick={() => openEditor(true)}>
        Deck…
      </button>
      <button type="button" className="button primary" onClick={() => void start()} title="Present full screen (F5)">
        <Icon name="present" size={18} /> Present
      </button>
    </div>
  )
}
