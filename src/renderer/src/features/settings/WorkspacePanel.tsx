import { useEffect, useState, type JSX } from 'react'
import { Icon } from '../../components/Icon'
import { useStore } from '../../store'
import { formatBytes, formatDateTime } from '../../format'
import { TableHead } from '../../components/TableHead'

const KIND_LABEL: Record<string, string> = {
  migration: 'Before an upgrade',
  import: 'Before an import',
  daily: 'Daily',
  manual: 'Made by hand',
  restore: 'Before a restore',
}

/** The workspace file, its backups, and switching to another workspace. */
export function WorkspacePanel(): JSX.Element {
  const workspace = useStore((s) => s.workspace)
  const backups = useStore((s) => s.backups)
  const busy = useStore((s) => s.backupsBusy)
  const loadBackups = useStore((s) => s.loadBackups)
  const backupNow = useStore((s) => s.backupNow)
  const restoreBackup = useStore((s) => s.restoreBackup)
  const switchWorkspace = useStore((s) => s.switchWorkspace)
  const exporting = useStore((s) => s.exporting)
  const exportWorkspace = useStore((s) => s.exportWorkspace)
  const reveal = useStore((s) => s.reveal)
  const generation = useStore((s) => s.workspaceGeneration)
  const [confirming, setConfirming] = useState<string | null>(null)

  useEffect(() => {
    void loadBackups()
  }, [loadBackups, generation])

  if (!workspace) return <></>
  return (
    <section className="settings-section" aria-labelledby="workspace-title">
      <div className="settings-section-head">
        <h2 id="workspace-title">Workspace</h2>
        <p>Everything Tandem knows lives in this one file. Copy it, keep it on a USB stick, or save it under a new name.</p>
      </div>
      <div className="settings-section-body">
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <span className="mono" data-testid="workspace-file">
              {workspace.name}
            </span>{' '}
            <button type="button" className="link-button" onClick={() => void reveal('workspace')}>
              Show in folder
            </button>
          </dd>
          <dt>Size</dt>
          <dd>{formatBytes(workspace.sizeBytes)}</dd>
          <dt>Backups folder</dt>
          <dd>
            <span className="mono" data-testid="backups-folder">
              {workspace.backupsFolder}
            </span>
            , next to the workspace file{' '}
            {backups.length > 0 ? (
              <button type="button" className="link-button" onClick={() => void reveal('backups')}>
                Show the backups
              </button>
            ) : null}
          </dd>
        </dl>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void switchWorkspace('create')}>
            <Icon name="plus" size={16} /> New…
          </button>
          <button type="button" className="button" onClick={() => void switchWorkspace('open')}>
            <Icon name="folder" size={16} /> Open…
          </button>
          <button type="button" className="button" onClick={() => void switchWorkspace('saveAs')}>
            <Icon name="save" size={16} /> Save As…
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void backupNow()}>
            <Icon name="history" size={16} /> Back up now
          </button>
          <button type="button" className="button" disabled={exporting} onClick={() => void exportWorkspace()}>
            <Icon name="export" size={16} /> {exporting ? 'Exporting…' : 'Export everything…'}
          </button>
        </div>
        <p className="muted">
          Export everything writes every table as a CSV file, plus the settings, into one zip that any spreadsheet or database can read:
          your data is never locked in Tandem.
        </p>
        <h3 className="subhead">Backups</h3>
        <p className="muted">
          Tandem backs up before every upgrade and every import, and once a day; each backup is checked before it is kept.
        </p>
        {backups.length === 0 ? (
          <p className="muted">No backups yet.</p>
        ) : (
          <table className="data-table" aria-label="Backups">
            <TableHead cells={['When', 'Why', { num: 'Size' }]} last="Restore" />
            <tbody>
              {backups.map((b) => (
                <tr key={b.file}>
                  <td title={b.file}>{formatDateTime(b.createdAt)}</td>
                  <td>{KIND_LABEL[b.kind] ?? b.kind}</td>
                  <td className="num">{formatBytes(b.sizeBytes)}</td>
                  <td className="actions">
                    {confirming === b.file ? (
                      <span className="confirm">
                        Replace the workspace with this backup?{' '}
                        <button
                          type="button"
                          className="button danger"
                          disabled={busy}
                          onClick={() => {
                            setConfirming(null)
                            void restoreBackup(b)
                          }}
                        >
                          Restore
                        </button>{' '}
                        <button type="button" className="button subtle" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="button subtle" disabled={busy} onClick={() => setConfirming(b.file)}>
                        Restore…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
