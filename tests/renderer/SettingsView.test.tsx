import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../src/renderer/src/App'
import { getSettings } from '../../src/main/services/settings'
import { appPerTest } from './app-per-test'
import { tmpDir } from '../helpers/tmp'

const current = appPerTest()

async function openSettings() {
  render(<App />)
  await screen.findByRole('heading', { name: 'Targets' })
  fireEvent.click(screen.getByRole('button', { name: /Settings/ }))
  return screen.findByRole('heading', { name: 'General' })
}

describe('Settings view', () => {
  it('shows the stored settings and saves an edit into the workspace', async () => {
    await openSettings()
    const currency = screen.getByLabelText('Home currency') as HTMLInputElement
    expect(currency.value).toBe('USD')
    fireEvent.change(currency, { target: { value: 'eur' } })
    expect(currency.value).toBe('EUR')
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }))
    await waitFor(() => expect(getSettings(current().workspace.db).settings.currency).toBe('EUR'))
    expect(await screen.findByText('Settings saved.')).toBeTruthy()
  })

  it('says what is wrong next to the field and will not save it', async () => {
    await openSettings()
    const rate = screen.getByLabelText('Rate for EUR')
    fireEvent.change(rate, { target: { value: '-2' } })
    const banner = await screen.findByTestId('settings-problems')
    expect(banner.textContent).toMatch(/fxRates\.EUR: must be more than 0/)
    expect(rate.getAttribute('aria-invalid')).toBe('true')
    const save = screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement
    expect(save.disabled).toBe(true)
    expect(getSettings(current().workspace.db).settings.fxRates['EUR']).toBe(1.08)
  })

  it('adds a grade to the SLA and discards edits on request', async () => {
    await openSettings()
    fireEvent.click(screen.getByRole('button', { name: 'Add grade' }))
    const grades = screen.getAllByLabelText(/^Grade \d+$/)
    expect(grades).toHaveLength(4) // A, B, C and the new one; "*" has no grade input
    fireEvent.change(grades[3]!, { target: { value: 'D' } })
    fireEvent.change(screen.getByLabelText('Hours for grade D'), { target: { value: '96' } })
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }))
    expect(screen.getAllByLabelText(/^Grade \d+$/)).toHaveLength(3)
  })

  it('lists the backups and makes one on request', async () => {
    await openSettings()
    const table = () => screen.queryByRole('table', { name: 'Backups' })
    expect(table()).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: /Back up now/ }))
    await waitFor(() => expect(table()).not.toBeNull())
    expect(within(table()!).getByText('Made by hand')).toBeTruthy()
  })
})

describe('App shell', () => {
  it('navigates between the five views, each with a first step for a new user', async () => {
    render(<App />)
    expect(await screen.findByText('No opportunities yet')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: /Handoff/ }))
    expect(screen.getByText('No leads yet')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: /Board/ }))
    expect(await screen.findByText('No meetings yet')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: /Import/ }))
    expect(screen.getByRole('heading', { name: 'Import' })).toBeTruthy()
    expect(screen.getByRole('button', { name: /Import/, current: 'page' })).toBeTruthy()
  })

  it('follows navigation and notices pushed by the main process (menu commands)', async () => {
    render(<App />)
    await screen.findByText('No opportunities yet')
    act(() => current().emit('navigate', 'settings'))
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy()
    act(() => current().emit('notice', { level: 'error', message: 'Could not open team.sqlite' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Could not open team.sqlite')
  })

  it('offers New and Open when no workspace is open, with the reason', async () => {
    current().workspace.close()
    current().workspace.unavailableReason = 'tandem.sqlite was written by a newer version of Tandem.'
    render(<App />)
    expect(await screen.findByRole('heading', { name: 'No workspace open' })).toBeTruthy()
    expect(screen.getByText(/written by a newer version/)).toBeTruthy()
    current().dialogs.answers.push(`${tmpDir()}/second.sqlite`)
    fireEvent.click(screen.getByRole('button', { name: 'New workspace…' }))
    expect(await screen.findByText('No opportunities yet')).toBeTruthy()
    expect(screen.getByText('second.sqlite')).toBeTruthy()
  })
})
