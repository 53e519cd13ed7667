import type { JSX } from 'react'
import { SLIDE_TITLE, dwellElapsed } from '@shared/presentation'
import { useStore } from '../../store'
import { figureLabel, formatFigure } from './format-figure'
import { DwellBar, useNow } from './DwellBar'
import { SlideView } from './SlideView'

const clock = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * The laptop's view while an audience window shows the slides: the current slide as the audience sees
 * it, the next one, the notes, the current slide's numbers unredacted, the elapsed time and the dwell.
 */
export function PresenterView(): JSX.Element {
  const state = useStore((s) => s.presentation)
  const pd = useStore((s) => s.presenterDeck)
  const deckError = useStore((s) => s.deckError)
  const control = useStore((s) => s.control)
  const stop = useStore((s) => s.stopPresentation)
  const now = useNow(state.active, 500)
  if (!pd) return <div className="presenter">{deckError ? <p className="p-message">{deckError}</p> : null}</div>
  const current = pd.full.slides[state.index]
  const dwell = pd.audience.slides[state.index]?.dwellSeconds ?? 30
  const currency = pd.full.slides.find((s) => s.slide.id === 'targets')?.slide
  const home = currency?.id === 'targets' ? currency.currency : 'USD'
  const theme = `p-theme-${pd.audience.theme}${pd.audience.highContrast ? ' p-hc' : ''}`
  return (
    <div className={`presenter ${theme}`} role="region" aria-label="Presenter view">
      <div className="presenter-main">
        <section className="presenter-current" aria-label="Current slide, as the audience sees it">
          <div className="p-frame">
            {state.blanked ? <div className="p-blank" /> : <SlideView deck={pd.audience} index={state.index} number />}
            <DwellBar state={state} dwellMs={dwell * 1000} />
          </div>
        </section>
        <div className="presenter-side">
          <div className="presenter-clock">
            <span>
              Elapsed <strong data-testid="elapsed">{clock(now - state.startedAt)}</strong>
            </span>
            <span>
              Slide {state.index + 1} of {state.count} ·{' '}
              {state.paused ? 'Paused' : `${clock(dwell * 1000 - dwellElapsed(state, now))} left`} of {dwell} s
              {state.blanked ? ' · Blanked' : ''}
            </span>
          </div>
          <section className="presenter-next" aria-label="Next slide">
            <h3>Next</h3>
            {state.index + 1 < pd.audience.slides.length ? (
              <div className="p-frame">
                <SlideView deck={pd.audience} index={state.index + 1} />
              </div>
            ) : (
              <p>End of the deck</p>
            )}
          </section>
        </div>
      </div>
      <div className="presenter-bottom">
        <section aria-label="Notes" className="presenter-notes">
          <h3>Notes</h3>
          <p>{current ? pd.notes[current.slide.id] || `No notes for ${SLIDE_TITLE[current.slide.id]}.` : ''}</p>
        </section>
        <section aria-label="Numbers, unredacted" className="presenter-numbers">
          <h3>Numbers (not redacted)</h3>
          <dl>
            {current?.slide.figures.map((f) => (
              <div key={f.key}>
                <dt>{figureLabel(f)}</dt>
                <dd>{formatFigure(f, home)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="presenter-controls" role="group" aria-label="Controls">
          <button type="button" className="button" onClick={() => void control({ action: 'prev' })}>
            Previous
          </button>
          <button type="button" className="button primary" onClick={() => void control({ action: 'next' })}>
            Next
          </button>
          <button type="button" className="button" onClick={() => void control({ action: 'blank' })}>
            {state.blanked ? 'Unblank' : 'Blank'} (B)
          </button>
          <button type="button" className="button" onClick={() => void control({ action: 'pause' })}>
            {state.paused ? 'Resume' : 'Pause'} (P)
          </button>
          <button type="button" className="button" onClick={() => void stop()}>
            End (Esc)
          </button>
        </div>
      </div>
    </div>
  )
}
