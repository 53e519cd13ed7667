import { useEffect, useRef, type JSX, type RefObject } from 'react'
import { api } from './api'
import { Icon } from './components/Icon'
import { Notices } from './components/Notices'
import { Sidebar } from './components/Sidebar'
import { BoardView } from './features/board/BoardView'
import { HandoffView } from './features/handoff/HandoffView'
import { ImportView, importDroppedFiles } from './features/import/ImportView'
import { DeckEditor } from './features/presentation/DeckEditor'
import { AudienceApp, PresentationView } from './features/presentation/PresentationView'
import { RoiView } from './features/roi/RoiView'
import { SettingsView } from './features/settings/SettingsView'
import { TargetsView } from './features/targets/TargetsView'
import { formatDateTime } from './format'
import { useStore } from './store'
import type { DamagedWorkspace, ViewId } from '@shared/types'

const VIEWS: Record<ViewId, () => JSX.Element> = {
  targets: TargetsView,
  handoff: HandoffView,
  roi: RoiView,
  board: BoardView,
  import: ImportView,
  settings: SettingsView,
}

/** Shown when no workspace could be opened: why, and the ways out. */
function NoWorkspace(): JSX.Element {
  const reason = useStore((s) => s.workspaceError)
  const recent = useStore((s) => s.recent)
  const switchWorkspace = useStore((s) => s.switchWorkspace)
  return (
    <section className="empty-state" aria-labelledby="no-ws">
      <div className="empty-icon">
        <Icon name="file" size={40} />
      </div>
      <h2 id="no-ws">No workspace open</h2>
      <p className="empty-body">{reason}</p>
      <div className="button-row center">
        <button type="button" className="button primary" onClick={() => void switchWorkspace('create')}>
          New workspace…
        </button>
        <button type="button" className="button" onClick={() => void switchWorkspace('open')}>
          Open workspace…
        </button>
      </div>
      {recent.some((r) => r.exists) ? (
        <ul className="recent-list">
          {recent
            .filter((r) => r.exists)
            .map((r) => (
              <li key={r.id}>
                <button type="button" className="button subtle" onClick={() => void switchWorkspace({ recent: r.id })}>
                  {r.name}
                </button>
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  )
}

/** Over every view while the workspace is open read-only: the numbers can be read, nothing can be changed. */
function ReadOnlyBanner({ name, why }: { name: string; why: string }): JSX.Element {
  return (
    <div className="banner banner-info read-only-banner" role="status">
      <Icon name="alert" />
      <span>
        <strong>{name} is open read-only</strong>: {why}. You can read and present its numbers; imports, edits and backups into its folder
        will be refused until it can be written.
      </span>
    </div>
  )
}

/** Over every view after a workspace was refused as damaged: one click puts its newest good backup in place. */
function DamagedBanner({ damaged }: { damaged: DamagedWorkspace }): JSX.Element {
  const restoreDamaged = useStore((s) => s.restoreDamaged)
  const dismissDamaged = useStore((s) => s.dismissDamaged)
  const { name, backup } = damaged
  return (
    <div className="banner banner-warning damaged-banner" role="alert">
      <Icon name="alert" />
      <span>
        <strong>{name} is damaged</strong>: SQLite's check found it corrupt, so nothing was read from it or changed.{' '}
        {backup
          ? `Its newest backup that checks out is from ${formatDateTime(backup.createdAt)} (${backup.kind}); restoring it keeps the damaged file beside it.`
          : 'None of its backups checks out; it cannot be restored from here.'}
      </span>
      <span className="button-row">
        {backup ? (
          <button type="button" className="button primary" onClick={() => void restoreDamaged()}>
            Restore that backup
          </button>
        ) : null}
        <button type="button" className="button subtle" onClick={dismissDamaged}>
          Not now
        </button>
      </span>
    </div>
  )
}

/** The sticky bars at the bottom of a view: Import's actions, Settings' unsaved changes. */
const BOTTOM_BARS = '.sticky-actions, .save-bar.visible'
const BAR_GAP = 12

/**
 * A field reached with the keyboard is never left under a view's sticky bottom bar: the browser scrolls
 * it into the window but does not know that the bar covers the bottom of it.
 */
function useKeepFocusAboveBars(main: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = main.current
    if (!el) return
    const onFocus = (e: FocusEvent): void => {
      const target = e.target
      if (!(target instanceof HTMLElement) || target.closest(BOTTOM_BARS)) return
      const r = target.getBoundingClientRect()
      for (const bar of el.querySelectorAll<HTMLElement>(BOTTOM_BARS)) {
        const b = bar.getBoundingClientRect()
        // Covered: the field reaches into the bar (a bar not stuck sits in the flow, above or below it).
        if (r.top < b.bottom && r.bottom > b.top - BAR_GAP) el.scrollTop += r.bottom - b.top + BAR_GAP
      }
    }
    el.addEventListener('focusin', onFocus)
    return () => el.removeEventListener('focusin', onFocus)
  }, [main])
}

/** The audience window on a second display loads the app at `#audience`: slides only, following the presenter. */
const isAudience = (): boolean => window.location.hash === '#audience'

export function App(): JSX.Element {
  return isAudience() ? <Audience /> : <MainWindow />
}

function Audience(): JSX.Element {
  useEffect(() => {
    const { joinAsAudience, presentationChanged } = useStore.getState()
    const off = api().on.presentationState(presentationChanged)
    void joinAsAudience()
    return off
  }, [])
  return <AudienceApp />
}

function MainWindow(): JSX.Element {
  const view = useStore((s) => s.view)
  const presenting = useStore((s) => s.presentation.active)
  const deckEditorOpen = useStore((s) => s.deckEditorOpen)
  const booted = useStore((s) => s.booted)
  const workspace = useStore((s) => s.workspace)
  const damaged = useStore((s) => s.damaged)

  useEffect(() => {
    const {
      boot,
      navigate,
      workspaceChanged,
      notify,
      importProgressed,
      chooseImportFile,
      dataChanged,
      presentationChanged,
      startPresentation,
      boardChanged,
    } = useStore.getState()
    const off = [
      api().on.workspaceChanged(workspaceChanged),
      api().on.navigate(navigate),
      api().on.notice(notify),
      api().on.importProgress(importProgressed),
      api().on.importFile(() => void chooseImportFile()),
      api().on.dataChanged(() => void dataChanged()),
      api().on.boardChanged(() => void boardChanged()),
      api().on.presentationState(presentationChanged),
      api().on.present(() => void startPresentation()),
    ]
    void boot()
    // A file dropped anywhere on the window is imported (and never opened as a page).
    const onDragOver = (e: DragEvent): void => e.preventDefault()
    const onDrop = (e: DragEvent): void => {
      e.preventDefault()
      void importDroppedFiles(e.dataTransfer?.files ?? null)
    }
    // F5 presents (as in slide software); in the app the menu's accelerator gets there first.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'F5' || e.ctrlKey || e.metaKey || e.altKey || useStore.getState().presentation.active) return
      e.preventDefault()
      void startPresentation()
    }
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      off.forEach((unsubscribe) => unsubscribe())
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [])

  // On navigation (not on the first view), focus moves to the new view's heading, so that a screen
  // reader says where it is and the keyboard continues from there.
  const main = useRef<HTMLElement>(null)
  const shownView = useRef(view)
  useEffect(() => {
    if (shownView.current === view) return
    shownView.current = view
    const heading = main.current?.querySelector<HTMLElement>('h1, h2')
    if (!heading) return
    heading.tabIndex = -1
    heading.focus({ preventScroll: true })
    if (main.current) main.current.scrollTop = 0
  }, [view])

  useKeepFocusAboveBars(main)

  const View = VIEWS[view]
  if (presenting) {
    return (
      <>
        <PresentationView controller />
        <Notices />
      </>
    )
  }
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the view
      </a>
      <Sidebar />
      <main className="content" id="main" tabIndex={-1} ref={main} aria-busy={!booted}>
        {booted && damaged ? <DamagedBanner damaged={damaged} /> : null}
        {booted && workspace?.readOnly ? <ReadOnlyBanner name={workspace.name} why={workspace.readOnly} /> : null}
        {!booted ? null : workspace ? <View /> : <NoWorkspace />}
      </main>
      {deckEditorOpen ? <DeckEditor /> : null}
      <Notices />
    </div>
  )
}
