import { beforeEach, describe, expect, it } from 'vitest'
import { PRINT_READY_TITLE } from '../../src/shared/board'
import { printMinutesToPdf } from '../../src/main/print-electron'
import * as fake from '../helpers/fake-electron'

beforeEach(() => fake.resetFakeElectron())

/** Lets the glue load the page, then plays the print view: it sets its title once the minutes are shown. */
async function whenLoaded(): Promise<fake.BrowserWindow> {
  for (let i = 0; i < 100 && fake.BrowserWindow.windows[0]?.loadedUrl == null; i++) await new Promise((r) => setTimeout(r, 1))
  return fake.BrowserWindow.windows[0]!
}

describe('minutes as PDF (Electron glue)', () => {
  it('prints the print view in a hidden, sandboxed window once it is ready, then destroys the window', async () => {
    const pdf = printMinutesToPdf('file:///app/out/renderer/index.html#board', '/app/preload.js', 7)
    const win = await whenLoaded()
    expect(win.loadedUrl).toBe('file:///app/out/renderer/index.html#print/minutes/7')
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/app/preload.js', contextIsolation: true, sandbox: true, nodeIntegration: false },
    })
    // Another title (the page loading) does not print yet.
    win.webContents.emit('page-title-updated', {}, 'Tandem')
    await new Promise((r) => setTimeout(r, 5))
    expect(win.webContents.printOptions).toEqual([])
    win.webContents.emit('page-title-updated', {}, PRINT_READY_TITLE)
    expect((await pdf).toString()).toMatch(/^%PDF/)
    expect(win.webContents.printOptions).toEqual([{ pageSize: 'A4', printBackground: true }])
    expect(win.destroyed).toBe(true)
  })
})
