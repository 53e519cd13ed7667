import type { Control } from '@shared/presentation'

/** What a key does during the slides: a control for the main process, leaving, or the capture line. */
export type KeyCommand = { kind: 'control'; control: Control } | { kind: 'exit' } | { kind: 'capture' }

/**
 * The slides' keys. Presentation clickers send PageDown/PageUp (some also "." or B to blank), so those
 * move like the arrows and Space; 1–9 jump to a slide; Home/End to the first and last; Esc leaves; B
 * blanks; P pauses and resumes the auto-advance; A opens the capture line. Keys with Ctrl, Alt or Meta
 * belong to the app and the system, never to the slides.
 */
export function keyCommand(e: {
  key: string
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
  shiftKey?: boolean
}): KeyCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null
  const control = (c: Control): KeyCommand => ({ kind: 'control', control: c })
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'Enter':
      return control(e.shiftKey && e.key === ' ' ? { action: 'prev' } : { action: 'next' })
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return control({ action: 'prev' })
    case 'Home':
      return control({ action: 'first' })
    case 'End':
      return control({ action: 'last' })
    case 'Escape':
      return { kind: 'exit' }
    case 'b':
    case 'B':
    case '.':
      return control({ action: 'blank' })
    case 'p':
    case 'P':
      return control({ action: 'pause' })
    case 'a':
    case 'A':
      return { kind: 'capture' }
  }
  if (/^[1-9]$/.test(e.key)) return control({ action: 'goto', index: Number(e.key) - 1 })
  return null
}
