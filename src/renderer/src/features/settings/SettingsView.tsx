import { useEffect, type JSX } from 'react'
import { Icon } from '../../components/Icon'
import { ViewHeader } from '../../components/ViewHeader'
import { useStore } from '../../store'
import { BoardSection, FxSection, GeneralSection, RejectionSection, SlaSection, SourcesSection, StagesSection } from './SettingsSections'
import { WorkspacePanel } from './WorkspacePanel'

export function SettingsView(): JSX.Element {
  const draft = useStore((s) => s.settingsDraft)
  const dirty = useStore((s) => s.settingsDirty)
  const problems = useStore((s) => s.settingsProblems)
  const status = useStore((s) => s.settingsStatus)
  const error = useStore((s) => s.settingsError)
  const load = useStore((s) => s.loadSettings)
  const edit = useStore((s) => s.editSettings)
  const save = useStore((s) => s.saveSettings)
  const discard = useStore((s) => s.discardSettings)
  const defaults = useStore((s) => s.loadDefaultSettings)
  const importFile = useStore((s) => s.importSettingsFile)
  const exportFile = useStore((s) => s.exportSettingsFile)
  const focus = useStore((s) => s.settingsFocus)
  const clearFocus = useStore((s) => s.clearSettingsFocus)
  const hasDraft = draft !== null

  useEffect(() => {
    if (!hasDraft) void load()
  }, [hasDraft, load])

  // Another view sent the user here to fill in rows it added (unmapped values, missing rates).
  useEffect(() => {
    if (!focus || !hasDraft) return
    // scrollIntoView is missing where there is no layout (jsdom).
    document.getElementById(`settings-${focus}`)?.scrollIntoView?.({ block: 'start' })
    clearFocus()
  }, [focus, hasDraft, clearFocus])

  return (
    <>
      <ViewHeader
        title="Settings"
        subtitle="The team's common language: one set of definitions both teams read the numbers by."
        actions={
          <>
            <button type="button" className="button" onClick={() => void importFile()}>
              Import JSON…
            </button>
            <button type="button" className="button" onClick={() => void exportFile()} disabled={dirty}>
              Export JSON…
            </button>
            <button type="button" className="button subtle" onClick={() => void defaults()}>
              Restore defaults
            </button>
          </>
        }
      />
      {error && !draft ? (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {error}
        </div>
      ) : null}
      {draft ? (
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          {problems.length > 0 ? (
            <div className="banner banner-error" role="alert" data-testid="settings-problems">
              <Icon name="alert" />
              <div>
                <strong>{problems.length === 1 ? 'One thing to fix' : `${problems.length} things to fix`} before saving:</strong>
                <ul>
                  {problems.slice(0, 6).map((p, i) => (
                    <li key={`${p.path}-${i}`}>
                      <span className="mono">{p.path}</span>: {p.message}
                    </li>
                  ))}
                  {problems.length > 6 ? <li>and {problems.length - 6} more, shown next to their fields</li> : null}
                </ul>
              </div>
            </div>
          ) : null}
          <GeneralSection form={draft} edit={edit} problems={problems} />
          <FxSection form={draft} edit={edit} problems={problems} />
          <StagesSection form={draft} edit={edit} problems={problems} />
          <SourcesSection form={draft} edit={edit} problems={problems} />
          <SlaSection form={draft} edit={edit} problems={problems} />
          <RejectionSection form={draft} edit={edit} problems={problems} />
          <BoardSection form={draft} edit={edit} problems={problems} />
          <div className={`save-bar${dirty ? ' visible' : ''}`} aria-hidden={!dirty}>
            <span>{problems.length > 0 ? 'Fix the marked fields to save.' : 'You have unsaved changes.'}</span>
            <button type="button" className="button subtle" onClick={discard} disabled={!dirty} tabIndex={dirty ? 0 : -1}>
              Discard
            </button>
            <button
              type="submit"
              className="button primary"
              disabled={!dirty || problems.length > 0 || status === 'saving'}
              tabIndex={dirty ? 0 : -1}
            >
              {status === 'saving' ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        </form>
      ) : status === 'loading' ? (
        <p className="muted">Loading settings…</p>
      ) : null}
      <WorkspacePanel />
    </>
  )
}
