import { useEffect, useRef, useState, type JSX } from 'react'
import { useStore } from '../../store'
import { DwellBar } from './DwellBar'
import { startDwellTicker } from './dwell-ticker'
import { keyCommand } from './keys'
import { PresenterView } from './PresenterView'
import { SlideView } from './SlideView'

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

/** The meeting board's quick-capture line, over the slides: the item lands in the running meeting. */
function CaptureLine({ onClose }: { onClose(): void }): JSX.Element {
  const captureAction = useStore((s) => s.captureAction)
  const loadDeck = useStore((s) => s.loadDeck)
  const [line, setLine] = useState('')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (line.trim() === '') return
    if (await captureAction(line)) {
      setLine('')
      onClose()
      await loadDeck()
    }
  }
  return (
    <form className="p-capture" onSubmit={(e) => void submit(e)}>
      <label>
        <span>New action item</span>
        <input
          ref={input}
          value={line}
          maxLength={500}
          placeholder="Follow up webinar leads @owner #marketing due:fri"
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault()
              e.stopPropagation()
              onClose()
            }
          }}
        />
      </label>
      <button type="submit" className="button primary" disabled={line.trim() === ''}>
        Add
      </button>
    </form>
  )
}

/**
 * The slides, full screen, with no app chrome. The window that controls them (`controller`) handles the
 * keys and runs the auto-advance; an audience window only follows the state the main process holds.
 */
export function PresentationView({ controller }: { controller: boolean }): JSX.Element | null {
  const state = useStore((s) => s.presentation)
  const deck = useStore((s) => s.deck)
  const deckError = useStore((s) => s.deckError)
  const control = useStore((s) => s.control)
  const stop = useStore((s) => s.stopPresentation)
  const [capturing, setCapturing] = useState(false)

  useEffect(() => {
    if (!controller) return
    const onKey = (e: KeyboardEvent): void => {
      if (isTyping(e.target) || document.querySelector('[role="dialog"]')) return
      const cmd = keyCommand(e)
      if (!cmd) return
      e.preventDefault()
      if (cmd.kind === 'exit') void stop()
      else if (cmd.kind === 'capture') setCapturing(true)
      else void control(cmd.control)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [controller, control, stop])

  useEffect(() => {
    if (!controller) return
    return startDwellTicker(
      () => {
        const { presentation: s, deck: d } = useStore.getState()
        const dwell = d?.slides[s.index]?.dwellSeconds
        return dwell === undefined ? null : { state: s, dwellMs: dwell * 1000 }
      },
      (from) => void control({ action: 'advance', from }),
    )
  }, [controller, control])

  // Leaving full screen (the browser's own Esc) leaves the slides too.
  useEffect(() => {
    if (!controller) return
    let entered = false
    const onChange = (): void => {
      if (document.fullscreenElement) entered = true
      else if (entered && useStore.getState().presentation.active) void stop()
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [controller, stop])

  const capture = capturing ? <CaptureLine onClose={() => setCapturing(false)} /> : null
  if (controller && state.mode === 'presenter') {
    return (
      <>
        <PresenterView />
        {capture}
      </>
    )
  }
  const theme = deck ? `p-theme-${deck.theme}${deck.highContrast ? ' p-hc' : ''}` : 'p-theme-dark p-hc'
  const dwellMs = (deck?.slides[state.index]?.dwellSeconds ?? 30) * 1000
  return (
    <div className={`presentation ${theme}`} role="region" aria-label="Presentation" aria-roledescription="slides">
      <div className="p-frame">
        {state.blanked ? (
          <div className="p-blank" aria-label="Screen blanked" />
        ) : deckError ? (
          <p className="p-message p-error">{deckError}</p>
        ) : deck ? (
          <SlideView deck={deck} index={state.index} number />
        ) : null}
        {!state.blanked ? <DwellBar state={state} dwellMs={dwellMs} /> : null}
      </div>
      {capture}
    </div>
  )
}

/** The audience window (`#audience`): the slides as the main process says, or a quiet screen between presentations. */
export function AudienceApp(): JSX.Element {
  const state = useStore((s) => s.presentation)
  return state.active ? (
    <PresentationView controller={false} />
  ) : (
    <div className="presentation p-theme-dark p-hc" role="region" aria-label="Presentation">
      <div className="p-frame">
        <p className="p-message">Waiting for the presenter…</p>
      </div>
    </div>
  )
}
