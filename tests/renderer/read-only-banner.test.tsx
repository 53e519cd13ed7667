import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/renderer/src/App'
import { useStore } from '../../src/renderer/src/store'
import { appPerTest } from './app-per-test'

const current = appPerTest()

describe('a workspace open read-only', () => {
  it('shows a banner over every view that says why, from the workspace status the page receives', async () => {
    render(<App />)
    await screen.findByRole('heading', { name: 'Targets' })
    expect(screen.queryByText(/is open read-only/)).toBeNull()
    // What the main process sends when it opened a workspace this user may not write (faults-read-only.test.ts).
    const info = { ...current().workspace.info(), readOnly: 'you have no permission to write it' }
    act(() => useStore.getState().workspaceChanged(info))
    const banner = await screen.findByText(/is open read-only/, { exact: false }).then((n) => n.closest('.read-only-banner') as HTMLElement)
    expect(banner.textContent).toMatch(/^tandem\.sqlite is open read-only: you have no permission to write it\. You can read/)
  })
})
