import type { EventName, EventPayload } from '@shared/contract'
import type { AppPrefs } from './app-prefs'
import { BoardService } from './board'
import { FileHandles } from './file-handles'
import { ExportService } from './export'
import { HandoffService } from './handoff'
import { ImportService } from './imports'
import { ReadWorker } from './reads'
import { PresentationService, type AudienceScreens } from './presentation'
import { RoiService } from './roi'
import { SettingsService } from './settings'
import { TargetsService } from './targets'
import { WorkspaceManager } from './workspace'
import type { WorkspaceInfo } from '@shared/types'

/** Pushes an event of the contract to the page(s): Electron's broadcast in the app, a bus in tests. */
export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void

export interface MainServiceOptions {
  emit: Emit
  /** The app's preferences: each workspace opened joins the recent list (the CLI has none). */
  prefs?: AppPrefs
  /** A daily backup after opening a workspace (the app's; the CLI's commands take their own). */
  dailyBackup?: boolean
  /** After every switch of workspace, once the services have reacted (the app refreshes its menu). */
  onWorkspaceChange?: (info: WorkspaceInfo) => void
  /** A background task (the daily backup) failed; the app logs it. */
  onBackgroundError?: (e: unknown) => void
  /** An audience window on a second display (the app's Electron glue; none in the CLI and the tests). */
  audienceScreens?: AudienceScreens
}

/** Every main-process service, over one workspace. */
export interface MainServices {
  workspace: WorkspaceManager
  settings: SettingsService
  imports: ImportService
  targets: TargetsService
  handoff: HandoffService
  board: BoardService
  roi: RoiService
  /** The files the user chose or dropped, and the ones the main process listed, by opaque handle. */
  files: FileHandles
  export: ExportService
  /** The long reports, run off the main thread (the app's IPC forwards them here; the CLI calls the services). */
  reads: ReadWorker
  presentation: PresentationService
  /** Cancels running work and closes the workspace (app quit, end of a test). */
  dispose(): void
}

/**
 * The one wiring of the main-process services, free of Electron: the app (`index.ts`) and the
 * end-to-end harness (`tests/helpers/loopback.ts`) both build their services here, so the tests run the
 * wiring the app ships. Only the transport of `emit` differs.
 */
export function createMainServices(options: MainServiceOptions): MainServices {
  const { emit, prefs } = options
  const dataChanged = (): void => emit('dataChanged', null)
  const workspace = new WorkspaceManager(
    {
      onChange: (info) => {
        prefs?.touchWorkspace(workspace.path)
        options.onWorkspaceChange?.(info)
        emit('workspaceChanged', info)
      },
      onClose: () => imports.cancelAll(),
      beforeReplace: (): Promise<void> => reads.release(),
      onBackgroundError: options.onBackgroundError,
    },
    { dailyBackup: options.dailyBackup ?? true },
  )
  const reads: ReadWorker = new ReadWorker((): string => workspace.path)
  const imports = new ImportService(workspace, { progress: (p) => emit('importProgress', p), dataChanged })
  const targets = new TargetsService(workspace, { dataChanged })
  const handoff = new HandoffService(workspace)
  const board = new BoardService(workspace, { boardChanged: () => emit('boardChanged', null) })
  return {
    workspace,
    settings: new SettingsService(workspace),
    imports,
    targets,
    handoff,
    board,
    roi: new RoiService(workspace),
    files: new FileHandles(),
    export: new ExportService(workspace),
    reads,
    presentation: new PresentationService(
      workspace,
      { targets, handoff, board },
      { stateChanged: (s) => emit('presentationState', s) },
      options.audienceScreens ?? null,
    ),
    dispose: () => {
      reads.dispose()
      imports.dispose()
      workspace.close()
    },
  }
}
