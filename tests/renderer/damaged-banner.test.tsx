import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { existsSync, readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/renderer/src/App'
import { useStore } from '../../src/renderer/src/store'
import { damagedWorkspace } from '../helpers/damaged'
import { appPerTest } from './app-per-test'

const current = appPerTest()

describe('a workspace refused as damaged', () => {
  it('is named in a banner with its newest good backup, which one click puts in place and opens', async () => {
    const { path } = await damagedWorkspace()
    render(<App />)
    await screen.findByRole('heading', { name: 'Targets' })
    expect(screen.queryByText(/is damaged/)).toBeNull()
    // The user opens it with File > Open workspace… (the main process's dialog answers with its path).
    current().dialogs.answers.push(path)
    await act(() => useStore.getState().switchWorkspace('open'))
    // The error notice gives SQLite's words; the banner over the view offers the way out.
    const banner = await waitFor(() => document.querySelector<HTMLElement>('.damaged-banner') ?? Promise.reject(new Error('no banner')))
    expect(banner.textContent).toMatch(
      /^ws\.sqlite is damaged: SQLite's check found it corrupt, so nothing was read from it or changed\. Its newest backup that checks out is from .+ \(import\); restoring it keeps the damaged file beside it\./,
    )
    // The workspace open before stays open: nothing switched to the damaged file.
    expect(useStore.getState().workspace?.name).toBe('tandem.sqlite')
    fireEvent.click(screen.getByRole('button', { name: 'Restore that backup' }))
    await waitFor(() => expect(useStore.getState().workspace?.name).toBe('ws.sqlite'))
    expect(document.querySelector('.damaged-banner')).toBeNull()
    expect((current().workspace.db.prepare('SELECT count(*) AS n FROM opportunities').get() as { n: number }).n).toBe(3000)
    expect(readdirSync(dirname(path)).filter((f) => f.startsWith('ws.sqlite.damaged-'))).toHaveLength(1)
    expect(existsSync(path)).toBe(true)
  })

  it('"Not now" hides the banner and leaves the damaged file alone', async () => {
    const { path } = await damagedWorkspace()
    render(<App />)
    await screen.findByRole('heading', { name: 'Targets' })
    current().dialogs.answers.push(path)
    await act(() => useStore.getState().switchWorkspace('open'))
    fireEvent.click(await screen.findByRole('button', { name: 'Not now' }))
    expect(document.querySelector('.damaged-banner')).toBeNull()
    expect(readdirSync(dirname(path)).filter((f) => f.startsWith('ws.sqlite.damaged-'))).toHaveLength(0)
  })
})
