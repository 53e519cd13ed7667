import { useEffect, useState, type JSX } from 'react'
import { dwellProgress, type PresentationState } from '@shared/presentation'

/** Re-renders every `ms` while `on`, for the progress bar and the presenter's clock. */
export function useNow(on: boolean, ms = 200): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!on) return
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [on, ms])
  return now
}

/** The thin bar of the current slide's dwell. */
export function DwellBar({ state, dwellMs }: { state: PresentationState; dwellMs: number }): JSX.Element {
  const now = useNow(state.active && !state.paused)
  return (
    <div className="p-progress" aria-hidden="true">
      <div className="p-progress-fill" style={{ width: `${dwellProgress(state, now, dwellMs) * 100}%` }} />
    </div>
  )
}
