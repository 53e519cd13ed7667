import type { JSX } from 'react'
import type { ViewId } from '@shared/types'
import { useStore } from '../store'
import { Icon, type IconName } from './Icon'

export const NAV: { view: ViewId; label: string; icon: IconName; hint: string }[] = [
  { view: 'targets', label: 'Targets', icon: 'targets', hint: 'Ctrl+1' },
  { view: 'handoff', label: 'Handoff', icon: 'handoff', hint: 'Ctrl+2' },
  { view: 'roi', label: 'Marketing ROI', icon: 'roi', hint: 'Ctrl+5' },
  { view: 'board', label: 'Board', icon: 'board', hint: 'Ctrl+3' },
  { view: 'import', label: 'Import', icon: 'import', hint: 'Ctrl+4' },
  { view: 'settings', label: 'Settings', icon: 'settings', hint: 'Ctrl+,' },
]

export function Sidebar(): JSX.Element {
  const view = useStore((s) => s.view)
  const navigate = useStore((s) => s.navigate)
  const workspace = useStore((s) => s.workspace)
  return (
    <nav className="sidebar" aria-label="Views">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="28" height="28">
            <circle cx="12" cy="16" r="8" fill="var(--brand-a)" />
            <circle cx="20" cy="16" r="8" fill="var(--brand-b)" opacity="0.85" />
          </svg>
        </span>
        <span className="brand-name">Tandem</span>
      </div>
      <ul className="nav-list">
        {NAV.map((item) => (
          <li key={item.view}>
            <button
              type="button"
              className={`nav-item${view === item.view ? ' active' : ''}`}
              aria-current={view === item.view ? 'page' : undefined}
              onClick={() => navigate(item.view)}
              title={`${item.label} (${item.hint})`}
            >
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer" title={workspace ? `Workspace: ${workspace.name}` : undefined}>
        <Icon name="file" size={16} />
        <span className="workspace-name">{workspace ? workspace.name : 'No workspace'}</span>
      </div>
    </nav>
  )
}
