import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  IDLE_STATE,
  applyControl,
  defaultDeckSettings,
  dwellDue,
  dwellProgress,
  initialsOf,
  type Deck,
  type DeckSettings,
  type PresentationState,
} from '../../../src/shared/presentation'
import { BoardService } from '../../../src/main/services/board'
import { HandoffService } from '../../../src/main/services/handoff'
import { PresentationService, nameParts, textScrubber, type AudienceScreens } from '../../../src/main/services/presentation'
import { TargetsService } from '../../../src/main/services/targets'
import type { WorkspaceManager } from '../../../src/main/services/workspace'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'
import { FIXTURE, seedPresentation } from '../../helpers/presentation'

let ws: TestWorkspace
let board: BoardService
let states: PresentationState[]
const now = new Date()

function service(screens: AudienceScreens | null = null): PresentationService {
  const workspace = { db: ws.db } as WorkspaceManager
  return new PresentationService(
    workspace,
    { targets: new TargetsService(workspace, { dataChanged: () => undefined }), handoff: new HandoffService(workspace), board },
    { stateChanged: (s) => states.push(s) },
    screens,
  )
}

beforeEach(async () => {
  ws = await testWorkspace()
  board = new BoardService({ db: ws.db })
  states = []
})
afterEach(() => ws.db.close())

/** Every string and number anywhere in a value. */
function leaves(value: unknown, out: { strings: string[]; numbers: number[] } = { strings: [], numbers: [] }) {
  if (typeof value === 'string') out.strings.push(value)
  else if (typeof value === 'number') out.numbers.push(value)
  else if (Array.isArray(value)) value.forEach((v) => leaves(v, out))
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => leaves(v, out))
  return out
}

/** The money values a deck shows (figures in money, chart points): what "amounts to % of target" must hide. */
function moneyOf(deck: Deck): number[] {
  return deck.slides.flatMap(({ slide }) => [
    ...slide.figures.filter((f) => f.unit === 'money' && f.value !== null).map((f) => f.value as number),
    ...(slide.id === 'targets' && slide.chart
      ? slide.chart.points.flatMap((p) => [p.target, ...(p.closedWon === null ? [] : [p.closedWon])])
      : []),
  ])
}

/** Forms an amount is written in: 137500, 137,500, 137.500, 137 500. */
const spellings = (n: number): string[] => {
  const whole = String(Math.round(n))
  return [whole, Math.round(n).toLocaleString('en-US'), Math.round(n).toLocaleString('de-DE'), Math.round(n).toLocaleString('fr-FR')]
}

function expectHidden(deck: Deck, hidden: { names: readonly string[]; amounts: readonly number[] }): void {
  const { strings, numbers } = leaves(deck)
  const text = strings.join('\n').toLowerCase()
  for (const name of hidden.names) {
    expect(text, `"${name}" is in the payload`).not.toContain(name.toLowerCase())
    // Each part of a name too ("Priya" alone, "Globex" alone).
    for (const part of name.split(' ').filter((p) => p.length > 3))
      expect(text, `"${part}" is in the payload`).not.toContain(part.toLowerCase())
  }
  for (const amount of hidden.amounts) {
    expect(numbers, `${amount} is a number in the payload`).not.toContain(amount)
    for (const s of spellings(amount).filter((x) => x.length >= 4)) expect(text, `${s} is in the payload`).not.toContain(s.toLowerCase())
  }
}

async function seeded(): Promise<PresentationService> {
  await seedPresentation(ws, board, now)
  return service()
}

describe('redaction profiles: the whole payload', () => {
  it('Joint meeting hides nothing: names and amounts are there (so the searches below can fail)', async () => {
    const p = await seeded()
    p.saveSettings({ ...defaultDeckSettings(), profile: 'joint' })
    const deck = p.deck()
    const text = JSON.stringify(deck)
    expect(text).toContain('Tomasz Wojcik')
    expect(text).toContain('Initech')
    expect(moneyOf(deck)).toContain(FIXTURE.target)
    expect(moneyOf(deck)).toContain(FIXTURE.amounts[0] + FIXTURE.amounts[1])
    expect(deck.slides.map((s) => s.slide.id)).toEqual(['targets', 'handoff', 'board', 'sinceLast'])
  })

  it('All-hands: no rep name anywhere (owners, item titles, meeting titles), accounts and amounts kept', async () => {
    const p = await seeded()
    const full = p.deck('joint')
    const deck = p.deck('all-hands')
    expectHidden(deck, { names: FIXTURE.reps, amounts: [] })
    // Initials stand in for the names.
    const handoff = deck.slides.find((s) => s.slide.id === 'handoff')?.slide
    expect(handoff?.id === 'handoff' && handoff.breachedByOwner.map((o) => o.owner)).toEqual(['T. W.', 'P. R.'])
    const boardSlide = deck.slides.find((s) => s.slide.id === 'board')?.slide
    expect(boardSlide?.id === 'board' && boardSlide.items.map((i) => i.title)).toContain('Call L. O. about Umbrella Health')
    expect(JSON.stringify(deck)).toContain('Umbrella Health')
    expect(moneyOf(deck)).toEqual(moneyOf(full))
  })

  it('External: no rep or account name and no amount anywhere; amounts become % of target; the board slide is hidden', async () => {
    const p = await seeded()
    const full = p.deck('joint')
    const amounts = [...FIXTURE.amounts, FIXTURE.target, FIXTURE.amounts[0] + FIXTURE.amounts[1], ...moneyOf(full).filter((v) => v >= 1000)]
    const deck = p.deck('external')
    expect(deck.slides.map((s) => s.slide.id)).toEqual(['targets', 'handoff', 'sinceLast'])
    expectHidden(deck, { names: [...FIXTURE.reps, ...FIXTURE.accounts], amounts })
    const targets = deck.slides[0]?.slide
    if (targets?.id !== 'targets') throw new Error('targets slide first')
    expect(targets.figures.map((f) => [f.key, f.unit])).toEqual([
      ['attainment', 'percent'],
      ['gap', 'percentOfTarget'],
      ['forecast', 'percentOfTarget'],
      ['pace', 'percent'],
    ])
    const won = FIXTURE.amounts[0] + FIXTURE.amounts[1]
    expect(targets.figures.find((f) => f.key === 'gap')?.value).toBeCloseTo((FIXTURE.target - won) / FIXTURE.target, 6)
    expect(targets.chart?.unit).toBe('percentOfTarget')
    expect(Math.max(...(targets.chart?.points.map((pt) => pt.target) ?? []))).toBeCloseTo(1, 6)
  })

  it('a profile of your own that shows the board with every name and amount hidden scrubs item and meeting titles', async () => {
    const p = await seeded()
    const full = p.deck('joint')
    p.saveSettings({
      ...defaultDeckSettings(),
      profiles: [
        {
          id: 'board-out',
          name: 'Board, outside',
          repNames: 'initials',
          accountNames: 'initials',
          amounts: 'percentOfTarget',
          hiddenSlides: [],
        },
      ],
      profile: 'board-out',
    })
    const deck = p.deck()
    expect(deck.profile).toEqual({ id: 'board-out', name: 'Board, outside' })
    expect(deck.slides.map((s) => s.slide.id)).toEqual(['targets', 'handoff', 'board', 'sinceLast'])
    expectHidden(deck, {
      names: [...FIXTURE.reps, ...FIXTURE.accounts],
      amounts: [...FIXTURE.amounts, ...moneyOf(full).filter((v) => v >= 1000)],
    })
    const boardSlide = deck.slides[2]?.slide
    expect(boardSlide?.id === 'board' && boardSlide.items.map((i) => [i.title, i.owner])).toEqual([
      ['Send I. H. the [amount] quote', 'P. R.'],
      ['Call L. O. about U. H.', 'T. W.'],
    ])
    const since = deck.slides[3]?.slide
    expect(since?.id === 'sinceLast' && since.meeting?.previousTitle).toBe('Pipeline review with G. C.')
  })

  it('the presenter gets both: the audience deck redacted, the full deck not, and the notes', async () => {
    const p = await seeded()
    const settings: DeckSettings = defaultDeckSettings()
    settings.profile = 'external'
    settings.slides = settings.slides.map((s) => (s.id === 'targets' ? { ...s, notes: 'Start with the gap' } : s))
    p.saveSettings(settings)
    const pd = p.presenterDeck()
    expectHidden(pd.audience, { names: [...FIXTURE.reps, ...FIXTURE.accounts], amounts: [FIXTURE.target] })
    expect(moneyOf(pd.full)).toContain(FIXTURE.target)
    expect(pd.full.slides.map((s) => s.slide.id)).toEqual(pd.audience.slides.map((s) => s.slide.id))
    expect(pd.notes.targets).toBe('Start with the gap')
  })
})

describe('slides', () => {
  it('follow the saved order; hidden slides (by the deck or the profile) are left out, with their dwell', async () => {
    const p = await seeded()
    const d = defaultDeckSettings()
    p.saveSettings({
      ...d,
      slides: [
        { id: 'sinceLast', hidden: false, dwellSeconds: 20, notes: '' },
        { id: 'handoff', hidden: true, dwellSeconds: 30, notes: '' },
        { id: 'board', hidden: false, dwellSeconds: 90, notes: '' },
        { id: 'targets', hidden: false, dwellSeconds: 60, notes: '' },
      ],
    })
    expect(p.deck().slides.map((s) => [s.slide.id, s.dwellSeconds])).toEqual([
      ['sinceLast', 20],
      ['board', 90],
      ['targets', 60],
    ])
    // External hides the board on top.
    expect(p.deck('external').slides.map((s) => s.slide.id)).toEqual(['sinceLast', 'targets'])
    expect(p.settings().slides[0]?.id).toBe('sinceLast')
  })

  it('say plainly when there is no meeting, no target and no data yet', () => {
    const deck = service().deck()
    const byId = Object.fromEntries(deck.slides.map((s) => [s.slide.id, s.slide]))
    expect(byId['board']?.message).toMatch(/^No meeting yet/)
    expect(byId['sinceLast']?.message).toMatch(/^No meeting has started yet/)
    expect(byId['targets']?.message).toMatch(/^No revenue target is set/)
    expect(byId['handoff']?.message).toMatch(/^No leads imported yet/)
    // Missing is named, never 0.
    expect(byId['targets']?.figures.find((f) => f.key === 'attainment')).toMatchObject({
      value: null,
      missing: 'no target set for the period',
    })
  })

  it('refuse a bad deck with one line and keep the saved one', async () => {
    const p = service()
    const d = defaultDeckSettings()
    expect(() => p.saveSettings({ ...d, slides: d.slides.map((s) => ({ ...s, hidden: true })) })).toThrow(
      'Deck not saved: slides: at least one slide must be shown',
    )
    expect(() => p.saveSettings({ ...d, profile: 'nobody' })).toThrow('there is no redaction profile "nobody"')
    expect(() => p.saveSettings({ ...d, slides: d.slides.map((s) => ({ ...s, dwellSeconds: 1 })) })).toThrow('dwell is at least 5 seconds')
    expect(() => p.deck('nobody')).toThrow('There is no redaction profile "nobody".')
    expect(p.settings()).toEqual(d)
  })
})

describe('data as of', () => {
  it('names each source newest import, and warns past the threshold and for a source never imported', async () => {
    const p = await seeded()
    const daysAgo = (d: number): string => new Date(now.getTime() - d * 86_400_000).toISOString()
    ws.db.prepare("UPDATE import_batches SET committed_at = ? WHERE kind = 'opportunities'").run(daysAgo(10))
    ws.db.prepare("UPDATE import_batches SET committed_at = ? WHERE kind = 'leads'").run(daysAgo(2))
    ws.db.prepare("UPDATE import_batches SET committed_at = ?, undone_at = ? WHERE kind = 'targets'").run(daysAgo(1), daysAgo(0))
    const deck = p.deck(undefined, now)
    expect(deck.dataAsOf).toEqual([
      { source: 'leads', importedAt: daysAgo(2), ageDays: 2, stale: false },
      { source: 'opportunities', importedAt: daysAgo(10), ageDays: 10, stale: true },
      // The only targets import was undone: nothing of it is in effect.
      { source: 'targets', importedAt: null, ageDays: null, stale: false },
    ])
    expect(deck.staleWarning).toBe(
      'Data may be out of date: opportunities last imported 10 days ago; targets never imported (older than 7 days is flagged).',
    )
    p.saveSettings({ ...defaultDeckSettings(), staleDays: 14 })
    ws.db.prepare("UPDATE import_batches SET undone_at = NULL WHERE kind = 'targets'").run()
    expect(p.deck(undefined, now).staleWarning).toBeNull()
  })
})

describe('presentation state', () => {
  it('starts paused without auto-advance, moves and clamps, and broadcasts every change', async () => {
    const p = await seeded()
    const s0 = p.start({ presenterView: false }, new Date(1000))
    expect(s0).toMatchObject({ active: true, mode: 'slides', index: 0, count: 4, paused: true })
    p.control({ action: 'prev' })
    expect(p.state().index).toBe(0)
    p.control({ action: 'last' })
    p.control({ action: 'next' })
    expect(p.state().index).toBe(3)
    p.control({ action: 'goto', index: 1 })
    p.control({ action: 'goto', index: 9 })
    expect(p.state().index).toBe(1)
    p.control({ action: 'blank' })
    expect(p.state().blanked).toBe(true)
    expect(states.map((s) => s.index)).toEqual([0, 3, 1, 1])
    p.stop()
    expect(p.state()).toEqual(IDLE_STATE)
    expect(() => p.control({ action: 'next' })).toThrow('No presentation is running')
  })

  it('opens the audience window when a second display is there, and closes it on stop', async () => {
    const calls: string[] = []
    await seedPresentation(ws, board, now)
    const p = service({ open: () => (calls.push('open'), true), close: () => void calls.push('close'), isAudience: () => false })
    expect(p.start({ presenterView: false }).mode).toBe('presenter')
    p.stop()
    expect(calls).toEqual(['open', 'close'])
  })
})

describe('dwell with a fake clock', () => {
  const running: PresentationState = { ...IDLE_STATE, active: true, count: 3, since: 0, startedAt: 0 }
  it('counts the time on the slide without pauses, and is due once the dwell ran out', () => {
    let s = running
    expect(dwellDue(s, 29_999, 30_000)).toBe(false)
    expect(dwellDue(s, 30_000, 30_000)).toBe(true)
    s = applyControl(s, { action: 'pause' }, 10_000)
    expect(dwellProgress(s, 50_000, 30_000)).toBeCloseTo(1 / 3)
    expect(dwellDue(s, 90_000, 30_000)).toBe(false)
    s = applyControl(s, { action: 'pause' }, 100_000)
    expect(dwellDue(s, 119_999, 30_000)).toBe(false)
    expect(dwellDue(s, 120_000, 30_000)).toBe(true)
  })

  it('advances once: a late advance for a slide already left changes nothing; a move restarts the dwell', () => {
    let s = applyControl(running, { action: 'advance', from: 0 }, 30_000)
    expect(s).toMatchObject({ index: 1, since: 30_000, elapsedBefore: 0 })
    expect(applyControl(s, { action: 'advance', from: 0 }, 30_001)).toBe(s)
    s = applyControl(s, { action: 'last' }, 40_000)
    expect(dwellDue(s, 1_000_000, 30_000)).toBe(false)
    expect(applyControl(s, { action: 'blank' }, 0).blanked).toBe(true)
    expect(dwellDue({ ...running, blanked: true }, 100_000, 30_000)).toBe(false)
  })
})

describe('names in free text', () => {
  it('become initials wherever they stand, longer names first, whole words only', () => {
    const scrub = textScrubber(['Acme', 'Acme Europe', 'Al'], true)
    expect(scrub('Acme Europe and ACME and Acmeish; Al, Alan')).toBe('A. E. and A. and Acmeish; A., Alan')
    expect(scrub('Quote $120k and 45,000 USD for 3 seats')).toBe('Quote [amount] and [amount] for 3 seats')
    expect(initialsOf('Jane van Doe')).toBe('J. V. D.')
    // A rep's first or last name alone is a name too, matched as written with a capital.
    const reps = textScrubber(['Lena Fischer', 'Will Ames'], false, nameParts(['Lena Fischer', 'Will Ames', 'Jo Li']))
    expect(reps('Call Lena; Fischer to send; Lena Fischer owns it. Will will ask Ames.')).toBe(
      'Call L.; F. to send; L. F. owns it. W. will ask A..',
    )
    expect(nameParts(['Lena Fischer', 'Jane van Doe', 'Jo Li', 'rep7'])).toEqual(['Lena', 'Fischer', 'Jane', 'Doe'])
    expect(initialsOf('rep7')).toBe('R.')
  })
})
