import { useEffect, useState, type DragEvent, type JSX } from 'react'
import { Icon } from '../../components/Icon'
import { ViewHeader } from '../../components/ViewHeader'
import { useStore } from '../../store'
import type { FileRef } from '@shared/types'
import { api, call, messageOf } from '../../api'
import { HistoryPanel } from './HistoryPanel'
import { MappingPanel } from './MappingPanel'
import { MissingFields } from './MissingFields'
import { CountTiles, PreviewPanel } from './PreviewPanel'
import { ProgressPanel } from './ProgressPanel'
import { KIND_LABEL } from './labels'

/** Inspects the first file of a drop, by the handle the main process gives it (the page never sees its path). */
export async function importDroppedFiles(files: FileList | null): Promise<void> {
  const file = files?.[0]
  if (!file) return
  const { navigate, openImportFile, notify } = useStore.getState()
  navigate('import')
  let ref: FileRef | null
  try {
    ref = await call(api().droppedFile(file))
  } catch (e) {
    notify({ level: 'error', message: messageOf(e) })
    return
  }
  if (!ref) {
    notify({ level: 'error', message: `${file.name} cannot be imported from here: drop a file saved on this computer.` })
    return
  }
  await openImportFile(ref)
}

function DropZone(): JSX.Element {
  const choose = useStore((s) => s.chooseImportFile)
  const [over, setOver] = useState(false)
  const onDrop = (e: DragEvent): void => {
    e.preventDefault()
    e.stopPropagation()
    setOver(false)
    void importDroppedFiles(e.dataTransfer.files)
  }
  return (
    <section
      className={`drop-zone${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="empty-icon">
        <Icon name="import" size={40} />
      </div>
      <h2>Drop a CSV or XLSX export here</h2>
      <p className="muted">
        Leads, opportunities, targets or campaign spend, from Salesforce, HubSpot, Pipedrive or a sheet of your own. You will see what
        changes before anything is written, and every import can be undone.
      </p>
      <button type="button" className="button primary" onClick={() => void choose()}>
        Choose a file…
      </button>
    </section>
  )
}

function DonePanel(): JSX.Element | null {
  const done = useStore((s) => s.committed)
  const reset = useStore((s) => s.resetImport)
  const navigate = useStore((s) => s.navigate)
  if (!done) return null
  const next = done.kind === 'leads' ? 'handoff' : 'targets'
  return (
    <section className="panel done" aria-labelledby="done-title">
      <h2 id="done-title" className="panel-title">
        <Icon name="check" /> Imported {done.fileName} as {KIND_LABEL[done.kind].toLowerCase()} (import #{done.batchId})
      </h2>
      <CountTiles outcome={done} />
      <MissingFields outcome={done} canRemap={false} />
      {done.backup ? <p className="muted">The workspace was backed up before the import ({done.backup}).</p> : null}
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => navigate(next)}>
          See {next === 'handoff' ? 'the handoff' : 'the targets'}
        </button>
        <button type="button" className="button" onClick={reset}>
          Import another file
        </button>
      </div>
    </section>
  )
}

export function ImportView(): JSX.Element {
  const phase = useStore((s) => s.importPhase)
  const error = useStore((s) => s.importError)
  const historyLoaded = useStore((s) => s.historyLoaded)
  const loadHistory = useStore((s) => s.loadHistory)
  const settings = useStore((s) => s.settings)
  const loadSettings = useStore((s) => s.loadSettings)
  const reset = useStore((s) => s.resetImport)

  useEffect(() => {
    if (!historyLoaded) void loadHistory()
  }, [historyLoaded, loadHistory])
  useEffect(() => {
    if (!settings) void loadSettings()
  }, [settings, loadSettings])

  return (
    <>
      <ViewHeader
        title="Import"
        subtitle="Bring in CRM exports: leads, opportunities, targets and campaign spend."
        actions={
          phase !== 'idle' && phase !== 'checking' && phase !== 'committing' ? (
            <button type="button" className="button subtle" onClick={reset}>
              Start over
            </button>
          ) : null
        }
      />
      {error && phase !== 'previewed' ? (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> <span data-testid="import-error">{error}</span>
        </div>
      ) : null}
      {phase === 'idle' ? <DropZone /> : null}
      {phase === 'inspecting' ? <p className="muted panel">Reading the file…</p> : null}
      {phase === 'mapping' ? <MappingPanel /> : null}
      {phase === 'checking' || phase === 'committing' ? <ProgressPanel /> : null}
      {phase === 'previewed' ? <PreviewPanel /> : null}
      {phase === 'committed' ? <DonePanel /> : null}
      <HistoryPanel />
    </>
  )
}
