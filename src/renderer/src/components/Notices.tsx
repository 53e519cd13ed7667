import { useEffect, type JSX } from 'react'
import { useStore, type Store } from '../store'
import { Icon } from './Icon'

type NoticeItem = Store['notices'][number]

const INFO_MS = 6000

function NoticeRow({ notice, dismiss }: { notice: NoticeItem; dismiss(id: number): void }): JSX.Element {
  const onDismiss = (): void => dismiss(notice.id)
  useEffect(() => {
    if (notice.level !== 'info') return
    const t = setTimeout(() => dismiss(notice.id), INFO_MS)
    return () => clearTimeout(t)
  }, [notice.id, notice.level, dismiss])
  return (
    <div className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <Icon name={notice.level === 'error' ? 'alert' : 'check'} />
      <span className="notice-text">{notice.message}</span>
      <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss message">
        <Icon name="close" size={16} />
      </button>
    </div>
  )
}

/** Messages for the user: errors stay until dismissed; information goes after a few seconds. */
export function Notices(): JSX.Element {
  const notices = useStore((s) => s.notices)
  const dismiss = useStore((s) => s.dismissNotice)
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeRow key={n.id} notice={n} dismiss={dismiss} />
      ))}
    </div>
  )
}
