import { z } from 'zod'

/**
 * Presentation mode (PRODUCT.md, "Presentation mode"; issue #16): the deck's settings, the slides' data
 * as the main process prepares them (already redacted for the audience), and the presentation state
 * (slide, blanked, paused) that the main process holds and every window follows. Plain data and pure
 * functions: both processes and the tests use them.
 */

export const SLIDE_IDS = ['targets', 'handoff', 'board', 'sinceLast'] as const
export type SlideId = (typeof SLIDE_IDS)[number]
export const SLIDE_TITLE: Record<SlideId, string> = {
  targets: 'Targets',
  handoff: 'Handoff',
  board: 'Action items',
  sinceLast: 'Since last meeting',
}

export const THEMES = ['light', 'dark'] as const
export type DeckTheme = (typeof THEMES)[number]

// ---------------------------------------------------------------------------------------------------
// Redaction profiles

const BUILTIN_PROFILE_IDS: readonly string[] = ['joint', 'all-hands', 'external']
export const NAME_MODES = ['full', 'initials'] as const
export const AMOUNT_MODES = ['full', 'percentOfTarget'] as const

export const profileSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'a profile id is 1 to 40 lower-case letters, digits or dashes')
    .refine((id) => !BUILTIN_PROFILE_IDS.includes(id), 'that id belongs to a built-in profile'),
  name: z.string().trim().min(1, 'a profile needs a name').max(60, 'a profile name is at most 60 characters'),
  repNames: z.enum(NAME_MODES),
  accountNames: z.enum(NAME_MODES),
  amounts: z.enum(AMOUNT_MODES),
  hiddenSlides: z.array(z.enum(SLIDE_IDS)).max(SLIDE_IDS.length),
})
export type RedactionProfile = z.infer<typeof profileSchema>

/** The three profiles every workspace has; user-defined ones sit beside them. */
export const BUILTIN_PROFILES: readonly RedactionProfile[] = [
  { id: 'joint', name: 'Joint meeting', repNames: 'full', accountNames: 'full', amounts: 'full', hiddenSlides: [] },
  { id: 'all-hands', name: 'All-hands', repNames: 'initials', accountNames: 'full', amounts: 'full', hiddenSlides: [] },
  // The action items are the team's own business; an outside audience sees the since-last counts only.
  { id: 'external', name: 'External', repNames: 'initials', accountNames: 'initials', amounts: 'percentOfTarget', hiddenSlides: ['board'] },
]

// ---------------------------------------------------------------------------------------------------
// The deck's settings (saved in the workspace)

export const DWELL_MIN = 5
export const DWELL_MAX = 600

export const deckSlideSchema = z.strictObject({
  id: z.enum(SLIDE_IDS),
  hidden: z.boolean(),
  dwellSeconds: z
    .number()
    .int('dwell is a whole number of seconds')
    .min(DWELL_MIN, `dwell is at least ${DWELL_MIN} seconds`)
    .max(DWELL_MAX, `dwell is at most ${DWELL_MAX} seconds`),
  /** The presenter's notes for the slide (shown in the presenter view only). */
  notes: z.string().max(2000, 'notes are at most 2000 characters'),
})
export type DeckSlide = z.infer<typeof deckSlideSchema>

export const deckSettingsSchema = z
  .strictObject({
    /** Every slide exactly once, in the order shown. */
    slides: z.array(deckSlideSchema).length(SLIDE_IDS.length, `the deck lists each of the ${SLIDE_IDS.length} slides once`),
    profile: z.string().min(1).max(40),
    theme: z.enum(THEMES),
    highContrast: z.boolean(),
    autoAdvance: z.boolean(),
    /** An import older than this many days is flagged on every slide. */
    staleDays: z.number().int('whole days').min(1, 'at least 1 day').max(365, 'at most 365 days'),
    profiles: z.array(profileSchema).max(20, 'at most 20 profiles of your own'),
  })
  .superRefine((d, ctx) => {
    const ids = d.slides.map((s) => s.id)
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['slides'], message: 'a slide is listed twice' })
    if (d.slides.every((s) => s.hidden)) ctx.addIssue({ code: 'custom', path: ['slides'], message: 'at least one slide must be shown' })
    const custom = d.profiles.map((p) => p.id)
    if (new Set(custom).size !== custom.length) ctx.addIssue({ code: 'custom', path: ['profiles'], message: 'two profiles share an id' })
    if (!BUILTIN_PROFILE_IDS.includes(d.profile) && !custom.includes(d.profile)) {
      ctx.addIssue({ code: 'custom', path: ['profile'], message: `there is no redaction profile "${d.profile}"` })
    }
  })
export type DeckSettings = z.infer<typeof deckSettingsSchema>

export function defaultDeckSettings(): DeckSettings {
  return {
    slides: SLIDE_IDS.map((id) => ({ id, hidden: false, dwellSeconds: id === 'targets' ? 45 : 30, notes: '' })),
    profile: 'joint',
    theme: 'dark',
    highContrast: true,
    autoAdvance: false,
    staleDays: 7,
    profiles: [],
  }
}

/** Every profile of a deck: the built-in ones, then the user's. */
export function allProfiles(deck: Pick<DeckSettings, 'profiles'>): RedactionProfile[] {
  return [...BUILTIN_PROFILES, ...deck.profiles]
}

export function profileOf(deck: Pick<DeckSettings, 'profile' | 'profiles'>, id = deck.profile): RedactionProfile {
  return allProfiles(deck).find((p) => p.id === id) ?? (BUILTIN_PROFILES[0] as RedactionProfile)
}

/** The slides shown with a profile, in the deck's order: neither hidden in the deck nor by the profile. */
export function visibleSlides(deck: Pick<DeckSettings, 'slides'>, profile: Pick<RedactionProfile, 'hiddenSlides'>): DeckSlide[] {
  return deck.slides.filter((s) => !s.hidden && !profile.hiddenSlides.includes(s.id))
}

// ---------------------------------------------------------------------------------------------------
// Slide data

/** How a figure reads: money in the home currency, a fraction shown as %, a count, hours, percentage points. */
export type FigureUnit = 'money' | 'percent' | 'percentOfTarget' | 'count' | 'hours' | 'points'
/** Every status is shown by icon and word, never by colour alone. */
export type FigureStatus = 'onTrack' | 'behind' | 'breached' | 'overdue' | 'ok'
export const STATUS_WORD: Record<FigureStatus, string> = {
  onTrack: 'On track',
  behind: 'Behind',
  breached: 'Breached',
  overdue: 'Overdue',
  ok: 'OK',
}

export interface Figure {
  key: string
  label: string
  /** null: cannot be told; `missing` says why (missing data is named, never shown as 0). */
  value: number | null
  unit: FigureUnit
  missing?: string
  status?: FigureStatus
  /** The slide's headline number (drawn largest). */
  headline?: boolean
}

/** A simplified cumulative chart: closed-won so far against the straight line to the target. */
export interface PaceChart {
  unit: 'money' | 'percentOfTarget'
  /** At most ~16 points (weekly). `closedWon` is null after the as-of date. */
  points: { date: string; closedWon: number | null; target: number }[]
}

export interface TargetsSlide {
  id: 'targets'
  title: string
  period: string
  from: string
  to: string
  asOf: string
  currency: string
  hasTarget: boolean
  figures: Figure[]
  chart: PaceChart | null
  /** Said plainly on the slide (no target set, no data yet). */
  message: string | null
}

export interface OwnerBreaches {
  owner: string
  breached: number
}

export interface HandoffSlide {
  id: 'handoff'
  title: string
  fromDate: string
  toDate: string
  figures: Figure[]
  /** The owners with the most breached leads (at most 3). */
  breachedByOwner: OwnerBreaches[]
  message: string | null
}

export interface BoardSlideItem {
  title: string
  owner: string
  team: string
  dueDate: string | null
  status: string
  overdue: boolean
  timesCarried: number
}

export interface BoardSlide {
  id: 'board'
  title: string
  meeting: { title: string; scheduledAt: string; state: string } | null
  figures: Figure[]
  /** Overdue first, at most 6. */
  items: BoardSlideItem[]
  /** How many items the slide leaves out. */
  more: number
  message: string | null
}

export interface SinceLastSlide {
  id: 'sinceLast'
  title: string
  meeting: { title: string; previousTitle: string; previousAsOf: string } | null
  figures: Figure[]
  message: string | null
}

export type Slide = TargetsSlide | HandoffSlide | BoardSlide | SinceLastSlide

export const DATA_SOURCES = ['leads', 'opportunities', 'targets'] as const
export type DataSource = (typeof DATA_SOURCES)[number]

export interface SourceAsOf {
  source: DataSource
  /** When the newest import of it still in effect was committed (UTC ISO); null when never imported. */
  importedAt: string | null
  ageDays: number | null
  stale: boolean
}

export interface Deck {
  /** When the deck was prepared (UTC ISO). */
  preparedAt: string
  profile: { id: string; name: string }
  theme: DeckTheme
  highContrast: boolean
  autoAdvance: boolean
  staleDays: number
  dataAsOf: SourceAsOf[]
  /** One line when a source is older than the threshold (or missing); null when all are fresh. */
  staleWarning: string | null
  /** The visible slides in order, with their dwell. */
  slides: { slide: Slide; dwellSeconds: number }[]
}

/** The presenter view: what the audience sees, the same slides unredacted, and the notes. */
export interface PresenterDeck {
  audience: Deck
  full: Deck
  notes: Record<SlideId, string>
}

// ---------------------------------------------------------------------------------------------------
// Presentation state: held by the main process, followed by every window

export interface PresentationState {
  active: boolean
  /** 'presenter' when an audience window shows the slides and this laptop the presenter view. */
  mode: 'slides' | 'presenter'
  index: number
  count: number
  blanked: boolean
  paused: boolean
  /** When the current slide's dwell started counting (epoch ms) and how much had run before a pause. */
  since: number
  elapsedBefore: number
  /** When the presentation started (epoch ms), for the presenter's clock. */
  startedAt: number
}

export const IDLE_STATE: PresentationState = {
  active: false,
  mode: 'slides',
  index: 0,
  count: 0,
  blanked: false,
  paused: false,
  since: 0,
  elapsedBefore: 0,
  startedAt: 0,
}

export const controlSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('next') }),
  z.strictObject({ action: z.literal('prev') }),
  z.strictObject({ action: z.literal('first') }),
  z.strictObject({ action: z.literal('last') }),
  z.strictObject({ action: z.literal('goto'), index: z.number().int().min(0).max(100) }),
  /** The dwell ran out on slide `from`: advance unless someone already moved on. */
  z.strictObject({ action: z.literal('advance'), from: z.number().int().min(0).max(100) }),
  z.strictObject({ action: z.literal('blank') }),
  z.strictObject({ action: z.literal('pause') }),
])
export type Control = z.infer<typeof controlSchema>

/** Time the current slide has been on screen, not counting pauses. */
export function dwellElapsed(s: PresentationState, now: number): number {
  return s.elapsedBefore + (s.paused ? 0 : Math.max(0, now - s.since))
}

/** How far the dwell has run (0..1), for the progress bar. */
export function dwellProgress(s: PresentationState, now: number, dwellMs: number): number {
  return dwellMs <= 0 ? 1 : Math.min(1, dwellElapsed(s, now) / dwellMs)
}

/** Whether auto-advance should move on now: running, not paused or blanked, dwell used up, not on the last slide. */
export function dwellDue(s: PresentationState, now: number, dwellMs: number): boolean {
  return s.active && !s.paused && !s.blanked && s.index < s.count - 1 && dwellElapsed(s, now) >= dwellMs
}

const onSlide = (s: PresentationState, index: number, now: number): PresentationState => {
  const to = Math.max(0, Math.min(s.count - 1, index))
  return to === s.index ? s : { ...s, index: to, since: now, elapsedBefore: 0 }
}

/** One control applied to the state. Moving to another slide restarts its dwell; pausing keeps what has run. */
export function applyControl(s: PresentationState, c: Control, now: number): PresentationState {
  if (!s.active) return s
  switch (c.action) {
    case 'next':
      return onSlide(s, s.index + 1, now)
    case 'prev':
      return onSlide(s, s.index - 1, now)
    case 'first':
      return onSlide(s, 0, now)
    case 'last':
      return onSlide(s, s.count - 1, now)
    case 'goto':
      return c.index < s.count ? onSlide(s, c.index, now) : s
    case 'advance':
      return c.from === s.index ? onSlide(s, s.index + 1, now) : s
    case 'blank':
      return { ...s, blanked: !s.blanked }
    case 'pause':
      return s.paused ? { ...s, paused: false, since: now } : { ...s, paused: true, elapsedBefore: dwellElapsed(s, now) }
  }
}

/** "Jane van Doe" -> "J. v. D."; "rep7" -> "R." The same name always gives the same initials. */
export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/[\s._@-]+/u)
    .filter((p) => p !== '')
  if (parts.length === 0) return ''
  return parts
    .slice(0, 3)
    .map((p) => `${(Array.from(p)[0] ?? '').toUpperCase()}.`)
    .join(' ')
}
