import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { ViewId } from '@shared/types'
import type { RecentEntry } from './services/app-prefs'

/** What the menu can ask the app to do; index.ts supplies these. */
export interface MenuActions {
  newWorkspace(): void
  openWorkspace(): void
  openRecent(path: string): void
  saveWorkspaceAs(): void
  importFile(): void
  navigate(view: ViewId): void
  /** View > Present (F5): presentation mode. */
  present(): void
  showAbout(): void
}

export interface MenuContext {
  platform: NodeJS.Platform
  isDev: boolean
  recent: RecentEntry[]
}

const VIEW_ITEMS: { view: ViewId; label: string; accelerator: string }[] = [
  { view: 'targets', label: 'Targets', accelerator: 'CmdOrCtrl+1' },
  { view: 'handoff', label: 'Handoff', accelerator: 'CmdOrCtrl+2' },
  { view: 'board', label: 'Meeting Board', accelerator: 'CmdOrCtrl+3' },
  { view: 'import', label: 'Import', accelerator: 'CmdOrCtrl+4' },
  { view: 'roi', label: 'Marketing ROI', accelerator: 'CmdOrCtrl+5' },
  { view: 'settings', label: 'Settings', accelerator: 'CmdOrCtrl+,' },
]

/** The application menu, as data (tested without Electron). */
export function buildMenuTemplate(actions: MenuActions, ctx: MenuContext): MenuItemConstructorOptions[] {
  const isMac = ctx.platform === 'darwin'
  const recentItems: MenuItemConstructorOptions[] =
    ctx.recent.length === 0
      ? [{ label: 'No recent workspaces', enabled: false }]
      : ctx.recent.map((r) => ({
          label: r.name,
          sublabel: r.path,
          enabled: r.exists,
          click: () => actions.openRecent(r.path),
        }))

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Save Workspace As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveWorkspaceAs() },
      { type: 'separator' },
      { label: 'Import File…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  }

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...VIEW_ITEMS.map((v): MenuItemConstructorOptions => ({
        label: v.label,
        accelerator: v.accelerator,
        click: () => actions.navigate(v.view),
      })),
      { type: 'separator' },
      { label: 'Present', accelerator: 'F5', click: () => actions.present() },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(ctx.isDev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  }

  const about: MenuItemConstructorOptions = { label: 'About Tandem', click: () => actions.showAbout() }

  return [
    ...(isMac
      ? [
          {
            label: 'Tandem',
            submenu: [
              about,
              { type: 'separator' },
              { label: 'Settings…', click: () => actions.navigate('settings') },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [about] },
  ]
}

export function installMenu(actions: MenuActions, ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, ctx)))
}
