import type { StateCreator } from 'zustand'
import type { BatchSummary, FileInspection, ImportOutcome, ImportProgress, ImportSettings } from '@shared/import/outcome'
import type { Crm, ImportKind } from '@shared/import/types'
import type { FileRef } from '@shared/types'
import { api, ApiError, call, messageOf } from '../api'
import type { Store } from './index'

/**
 * The import flow: pick a file -> inspect -> map (live preview) -> check (a rolled-back run that shows
 * what would change) -> commit -> done; with progress and cancel for the long steps, and the history of
 * committed batches with undo.
 */
export type ImportPhase = 'idle' | 'inspecting' | 'mapping' | 'checking' | 'previewed' | 'committing' | 'committed'

export interface ImportSlice {
  importPhase: ImportPhase
  /** The file being imported, by the handle the main process gave it (chosen or dropped). */
  importFile: FileRef | null
  inspection: FileInspection | null
  importDraft: ImportSettings | null
  /** The user confirmed the date order (required when the file's dates are ambiguous). */
  dateOrderConfirmed: boolean
  importJobId: string | null
  importProgress: ImportProgress | null
  preview: ImportOutcome | null
  /** The job the preview ran as (its invalid rows can be saved as CSV). */
  previewJobId: string | null
  committed: ImportOutcome | null
  importError: string | null
  history: BatchSummary[]
  historyLoaded: boolean
  chooseImportFile(): Promise<void>
  /** Starts the flow over with a file the user chose or dropped. */
  openImportFile(file: FileRef): Promise<void>
  /** Inspects the current file again, read another way (sheet, header row, kind). */
  inspectImport(overrides?: { sheet?: string; headerRow?: number; kind?: ImportKind; crm?: Crm }): Promise<void>
  editImport(update: (draft: ImportSettings) => ImportSettings): void
  confirmDateOrder(): void
  previewImport(): Promise<void>
  commitImport(): Promise<void>
  cancelImport(): Promise<void>
  backToMapping(): void
  resetImport(): void
  importProgressed(p: ImportProgress): void
  loadHistory(): Promise<void>
  undoImport(batchId: number): Promise<void>
  saveImportProblems(source: { jobId: string } | { batchId: number }): Promise<void>
}

function newJobId(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export const createImportSlice: StateCreator<Store, [], [], ImportSlice> = (set, get) => {
  const run = async (mode: 'preview' | 'commit'): Promise<void> => {
    const { importFile, inspection, importDraft } = get()
    if (!importFile || !inspection || !importDraft) return
    const jobId = newJobId()
    set({ importPhase: mode === 'preview' ? 'checking' : 'committing', importJobId: jobId, importProgress: null, importError: null })
    try {
      const request = { ...importDraft, file: importFile.handle }
      const outcome = await call(mode === 'preview' ? api().import.preview(jobId, request) : api().import.commit(jobId, request))
      if (mode === 'preview') set({ preview: outcome, previewJobId: jobId, importPhase: 'previewed' })
      else {
        set({ committed: outcome, importPhase: 'committed' })
        void get().loadHistory()
      }
    } catch (e) {
      const cancelled = e instanceof ApiError && e.code === 'CANCELLED'
      set({
        importPhase: mode === 'preview' || cancelled ? 'mapping' : 'previewed',
        importError: cancelled ? null : messageOf(e),
      })
      if (cancelled) get().notify({ level: 'info', message: messageOf(e) })
    } finally {
      set({ importJobId: null })
    }
  }

  return {
    importPhase: 'idle',
    importFile: null,
    inspection: null,
    importDraft: null,
    dateOrderConfirmed: false,
    importJobId: null,
    importProgress: null,
    preview: null,
    previewJobId: null,
    committed: null,
    importError: null,
    history: [],
    historyLoaded: false,

    async chooseImportFile() {
      try {
        const file = await call(api().import.chooseFile())
        if (file) await get().openImportFile(file)
      } catch (e) {
        set({ importError: messageOf(e) })
      }
    },

    async openImportFile(file) {
      set({ importFile: file, inspection: null, importDraft: null })
      await get().inspectImport()
    },

    async inspectImport(overrides) {
      const file = get().importFile
      if (!file) return
      const keepPhase = get().importPhase
      set({ importPhase: 'inspecting', importError: null, preview: null, committed: null })
      try {
        const inspection = await call(api().import.inspect(file.handle, overrides))
        set({
          inspection,
          importDraft: inspection.settings,
          dateOrderConfirmed: !inspection.dateOrderAmbiguous,
          importPhase: 'mapping',
        })
      } catch (e) {
        set({ importError: messageOf(e), importPhase: overrides ? keepPhase : 'idle' })
      }
    },

    editImport(update) {
      const draft = get().importDraft
      if (!draft) return
      set({ importDraft: update(draft), preview: null, importPhase: 'mapping', importError: null })
    },

    confirmDateOrder() {
      set({ dateOrderConfirmed: true })
    },

    previewImport: () => run('preview'),
    commitImport: () => run('commit'),

    async cancelImport() {
      const jobId = get().importJobId
      if (jobId) await call(api().import.cancel(jobId)).catch(() => false)
    },

    backToMapping() {
      set({ importPhase: 'mapping', preview: null, importError: null })
    },

    resetImport() {
      set({
        importPhase: 'idle',
        importFile: null,
        inspection: null,
        importDraft: null,
        preview: null,
        committed: null,
        importError: null,
        importProgress: null,
      })
    },

    importProgressed(p) {
      if (p.jobId === get().importJobId) set({ importProgress: p })
    },

    async loadHistory() {
      try {
        set({ history: await call(api().import.history()), historyLoaded: true })
      } catch (e) {
        set({ historyLoaded: true })
        get().notify({ level: 'error', message: messageOf(e) })
      }
    },

    async undoImport(batchId) {
      try {
        const res = await call(api().import.undo(batchId))
        get().notify({
          level: 'info',
          message: `Import #${batchId} undone: ${res.removed.toLocaleString()} rows removed, ${res.restored.toLocaleString()} restored.`,
        })
        await get().loadHistory()
      } catch (e) {
        get().notify({ level: 'error', message: messageOf(e) })
      }
    },

    async saveImportProblems(source) {
      try {
        const name = await call(api().import.saveProblems(source))
        if (name) get().notify({ level: 'info', message: `Invalid rows saved to ${name}.` })
      } catch (e) {
        get().notify({ level: 'error', message: messageOf(e) })
      }
    },
  }
}
