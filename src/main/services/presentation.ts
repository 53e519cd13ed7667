import type { Database } from 'better-sqlite3'
import { ALL_ITEMS, STATUS_LABEL, TEAM_LABEL } from '@shared/board'
import {
  DATA_SOURCES,
  IDLE_STATE,
  SLIDE_IDS,
  SLIDE_TITLE,
  applyControl,
  defaultDeckSettings,
  deckSettingsSchema,
  initialsOf,
  profileOf,
  visibleSlides,
  type BoardSlide,
  type Control,
  type Deck,
  type DeckSettings,
  type Figure,
  type HandoffSlide,
  type PresentationState,
  type PresenterDeck,
  type RedactionProfile,
  type SinceLastSlide,
  type Slide,
  type SlideId,
  type SourceAsOf,
  type TargetsSlide,
} from '@shared/presentation'
import { boardSettings, formatPath, summarizeProblems } from '@shared/settings'
import { AppError, oneLine } from '../errors'
import { knownNames, newestImportOf, readDeckDoc, writeDeckDoc } from '../db/repos/presentation'
import type { BoardService } from './board'
import type { HandoffService } from './handoff'
import { getSettings } from './settings'
import type { TargetsService } from './targets'
import type { WorkspaceManager } from './workspace'

/**
 * Presentation mode (PRODUCT.md, "Presentation mode"; issue #16). The slides' data is prepared here,
 * from the Targets, Handoff and Board services and the meetings' frozen snapshots, and redacted here for
 * the audience's profile: a hidden name or amount is never in what this returns, so it never crosses
 * IPC nor enters a page. The presentation state (slide, blanked, paused) lives here too, so that an
 * audience window on a second display follows the presenter.
 */

/** The Electron side: an audience window on a second display (none in the CLI and the tests). */
export interface AudienceScreens {
  /** Opens the audience window on an external display; false when there is only one display. */
  open(): boolean
  close(): void
  /** Whether these web contents are the audience window's (its calls are limited to the slides). */
  isAudience(webContentsId: number): boolean
}

export interface PresentationEvents {
  stateChanged(state: PresentationState): void
}

const DAY_MS = 86_400_000
const MAX_BOARD_ITEMS = 6
const MAX_OWNERS = 3

// ---------------------------------------------------------------------------------------------------
// The deck's settings

export function readDeck(db: Database): DeckSettings {
  const doc = readDeckDoc(db)
  if (doc === undefined) return defaultDeckSettings()
  let parsed: unknown
  try {
    parsed = JSON.parse(doc)
  } catch (e) {
    throw new AppError('SETTINGS_INVALID', `The presentation deck's settings are not valid JSON (${oneLine(e)}); save the deck again.`)
  }
  const checked = deckSettingsSchema.safeParse(parsed)
  if (!checked.success) {
    throw new AppError(
      'SETTINGS_INVALID',
      `The presentation deck's settings are damaged: ${problemsOf(checked.error.issues)}; save the deck again.`,
    )
  }
  return checked.data
}

function problemsOf(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return summarizeProblems(issues.map((i) => ({ path: formatPath(i.path) || '(deck)', message: i.message })))
}

export function saveDeck(db: Database, input: unknown): DeckSettings {
  const checked = deckSettingsSchema.safeParse(input)
  if (!checked.success) throw new AppError('BAD_ARGS', `Deck not saved: ${problemsOf(checked.error.issues)}`)
  writeDeckDoc(db, JSON.stringify(checked.data))
  return checked.data
}

// ---------------------------------------------------------------------------------------------------
// Data as of, per source

export function dataAsOf(db: Database, staleDays: number, now: Date): { sources: SourceAsOf[]; warning: string | null } {
  const sources = DATA_SOURCES.map((source): SourceAsOf => {
    const at = newestImportOf(db, source) ?? null
    const ageDays = at === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / DAY_MS))
    return { source, importedAt: at, ageDays, stale: at !== null && now.getTime() - Date.parse(at) > staleDays * DAY_MS }
  })
  const parts = sources.flatMap((s) =>
    s.importedAt === null
      ? [`${s.source} never imported`]
      : s.stale
        ? [`${s.source} last imported ${s.ageDays} day${s.ageDays === 1 ? '' : 's'} ago`]
        : [],
  )
  return {
    sources,
    warning: parts.length === 0 ? null : `Data may be out of date: ${parts.join('; ')} (older than ${staleDays} days is flagged).`,
  }
}

// ---------------------------------------------------------------------------------------------------
// Redaction

/** Amounts in free text: "$120k", "120,000 USD", "€ 1.2m". */
const AMOUNT_IN_TEXT = /(?:[$€£¥]\s?\d[\d,.]*(?:\s?[kmb]\b)?|\b\d[\d,.]*\s?(?:[kmb]\b|usd\b|eur\b|gbp\b|dollars?\b|euros?\b))/giu

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A whole-word pattern for a list of names, longest first (so "Acme Europe" is not half-replaced by "Acme"). */
function namesPattern(names: readonly string[], flags: string): RegExp | null {
  if (names.length === 0) return null
  const sorted = [...names].sort((a, b) => b.length - a.length)
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, flags)
}

/**
 * Replaces every name the profile hides, wherever it stands in a piece of text, by its initials (and,
 * when amounts are hidden, every amount by "[amount]"). `parts` are names that stand alone in text (a
 * rep's first or last name: "Call Lena"), matched only as written with a capital, so that a rep called
 * Will does not turn every "will" into "W.".
 */
export function textScrubber(names: readonly string[], hideAmounts: boolean, parts: readonly string[] = []): (text: string) => string {
  const wanted = [...new Set(names.map((n) => n.trim()).filter((n) => Array.from(n).length >= 2))]
  const byLower = new Map(wanted.map((n) => [n.toLowerCase(), initialsOf(n)]))
  const whole = namesPattern(wanted, 'giu')
  const alone = namesPattern([...new Set(parts.filter((p) => /^\p{Lu}\p{L}{2,}$/u.test(p)))], 'gu')
  return (text) => {
    let out = whole === null ? text : text.replace(whole, (m) => byLower.get(m.toLowerCase()) ?? initialsOf(m))
    if (alone !== null) out = out.replace(alone, (m) => initialsOf(m))
    if (hideAmounts) out = out.replace(AMOUNT_IN_TEXT, '[amount]')
    return out
  }
}

/** The words of rep names that can stand alone in a title: first and last names of three letters or more. */
export function nameParts(names: readonly string[]): string[] {
  return names.flatMap((n) => n.trim().split(/[\s.,]+/u)).filter((w) => /^\p{Lu}\p{L}{2,}$/u.test(w))
}

/** Every string in a value, mapped (object keys are ours and left alone). */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T
  }
  return value
}

/** Money figures as a share of the target; the target and closed-won (the same as attainment then) leave. */
function amountsToShare(figures: readonly Figure[], target: number | null): Figure[] {
  return figures
    .filter((f) => f.key !== 'target' && f.key !== 'closedWon')
    .map((f): Figure => {
      if (f.unit !== 'money') return f
      const { missing: _m, ...rest } = f
      if (target === null || target === 0 || f.value === null) {
        return { ...rest, unit: 'percentOfTarget', value: null, missing: 'no target to compare with' }
      }
      return { ...rest, unit: 'percentOfTarget', value: f.value / target }
    })
}

function redactSlide(slide: Slide, profile: RedactionProfile): Slide {
  if (profile.amounts !== 'percentOfTarget') return slide
  if (slide.id === 'targets') {
    const target = slide.figures.find((f) => f.key === 'target')?.value ?? null
    const chart =
      slide.chart === null || target === null || target === 0
        ? null
        : {
            unit: 'percentOfTarget' as const,
            points: slide.chart.points.map((p) => ({
              date: p.date,
              closedWon: p.closedWon === null ? null : p.closedWon / target,
              target: p.target / target,
            })),
          }
    return { ...slide, figures: amountsToShare(slide.figures, target), chart }
  }
  // No other slide carries money; should one ever, it leaves rather than shows.
  return { ...slide, figures: slide.figures.filter((f) => f.unit !== 'money') } as Slide
}

/** The slides as a profile lets the audience see them. */
export function redactSlides(slides: readonly Slide[], profile: RedactionProfile, names: { reps: string[]; accounts: string[] }): Slide[] {
  const hidden = [...(profile.repNames === 'initials' ? names.reps : []), ...(profile.accountNames === 'initials' ? names.accounts : [])]
  // A rep's first or last name alone ("Call Lena") is a name too; an account's words are not (Acme Europe's "Europe").
  const parts = profile.repNames === 'initials' ? nameParts(names.reps) : []
  const scrub = textScrubber(hidden, profile.amounts === 'percentOfTarget', parts)
  return slides.map((s) => mapStrings(redactSlide(s, profile), scrub))
}

// ---------------------------------------------------------------------------------------------------
// The service

export class PresentationService {
  private current: PresentationState = IDLE_STATE

  constructor(
    private readonly workspace: Pick<WorkspaceManager, 'db'>,
    private readonly services: { targets: TargetsService; handoff: HandoffService; board: BoardService },
    private readonly events: PresentationEvents = { stateChanged: () => undefined },
    private readonly screens: AudienceScreens | null = null,
  ) {}

  private get db(): Database {
    return this.workspace.db
  }

  settings(): DeckSettings {
    return readDeck(this.db)
  }

  saveSettings(doc: unknown): DeckSettings {
    return saveDeck(this.db, doc)
  }

  /** The audience's deck: the visible slides, redacted by the deck's profile (or the one given). */
  deck(profileId?: string, now = new Date()): Deck {
    const settings = this.settings()
    const profile = this.profile(settings, profileId)
    const shown = visibleSlides(settings, profile)
    return this.wrap(
      settings,
      profile,
      this.redacted(
        this.slides(
          shown.map((s) => s.id),
          now,
        ),
        profile,
      ),
      shown,
      now,
    )
  }

  /** The presenter view: the audience's slides, the same unredacted, and the notes. */
  presenterDeck(now = new Date()): PresenterDeck {
    const settings = this.settings()
    const profile = this.profile(settings)
    const shown = visibleSlides(settings, profile)
    const slides = this.slides(
      shown.map((s) => s.id),
      now,
    )
    return {
      audience: this.wrap(settings, profile, this.redacted(slides, profile), shown, now),
      full: this.wrap(settings, profileOf(settings, 'joint'), slides, shown, now),
      notes: Object.fromEntries(SLIDE_IDS.map((id) => [id, settings.slides.find((s) => s.id === id)?.notes ?? ''])) as Record<
        SlideId,
        string
      >,
    }
  }

  private redacted(slides: readonly Slide[], profile: RedactionProfile): Slide[] {
    const needsNames = profile.repNames === 'initials' || profile.accountNames === 'initials'
    return redactSlides(slides, profile, needsNames ? knownNames(this.db) : { reps: [], accounts: [] })
  }

  private profile(settings: DeckSettings, id?: string): RedactionProfile {
    const wanted = id ?? settings.profile
    const p = profileOf(settings, wanted)
    if (p.id !== wanted) throw new AppError('BAD_ARGS', `There is no redaction profile "${wanted}".`)
    return p
  }

  private wrap(
    settings: DeckSettings,
    profile: RedactionProfile,
    slides: readonly Slide[],
    shown: readonly { id: SlideId; dwellSeconds: number }[],
    now: Date,
  ): Deck {
    const asOf = dataAsOf(this.db, settings.staleDays, now)
    return {
      preparedAt: now.toISOString(),
      profile: { id: profile.id, name: profile.name },
      theme: settings.theme,
      highContrast: settings.highContrast,
      autoAdvance: settings.autoAdvance,
      staleDays: settings.staleDays,
      dataAsOf: asOf.sources,
      staleWarning: asOf.warning,
      slides: slides.map((slide, i) => ({ slide, dwellSeconds: shown[i]?.dwellSeconds ?? 30 })),
    }
  }

  /** The slides' data, unredacted. */
  slides(ids: readonly SlideId[], now = new Date()): Slide[] {
    return ids.map((id) => {
      switch (id) {
        case 'targets':
          return this.targetsSlide(now)
        case 'handoff':
          return this.handoffSlide(now)
        case 'board':
          return this.boardSlide(now)
        case 'sinceLast':
          return this.sinceLastSlide(now)
      }
    })
  }

  private targetsSlide(now: Date): TargetsSlide {
    const r = this.services.targets.report({}, now)
    const m = r.metrics
    const status = m.pace === null ? undefined : m.pace >= 1 ? ('onTrack' as const) : ('behind' as const)
    const noTarget = 'no target set for the period'
    const figures: Figure[] = [
      {
        key: 'attainment',
        label: 'Attainment',
        value: m.attainment,
        unit: 'percent',
        headline: true,
        ...(m.attainment === null ? { missing: noTarget } : {}),
        ...(status ? { status } : {}),
      },
      { key: 'closedWon', label: 'Closed-won', value: m.closedWon, unit: 'money' },
      {
        key: 'target',
        label: 'Target',
        value: r.hasTarget ? m.target : null,
        unit: 'money',
        ...(r.hasTarget ? {} : { missing: noTarget }),
      },
      {
        key: 'gap',
        label: 'Gap to target',
        value: r.hasTarget ? m.gap : null,
        unit: 'money',
        ...(r.hasTarget ? {} : { missing: noTarget }),
      },
      { key: 'forecast', label: 'Forecast', value: m.forecast, unit: 'money' },
      {
        key: 'pace',
        label: 'Pace',
        value: m.pace,
        unit: 'percent',
        ...(m.pace === null ? { missing: r.hasTarget ? 'the period has not started' : noTarget } : {}),
        ...(status ? { status } : {}),
      },
    ]
    // One point a week (and the last day, and the as-of day): a chart read across a room needs no more.
    const points = r.pace.filter((p, i, all) => i % 7 === 0 || i === all.length - 1 || p.date === r.asOf)
    return {
      id: 'targets',
      title: `${SLIDE_TITLE.targets} ${r.period}`,
      period: r.period,
      from: r.range.start,
      to: r.range.end,
      asOf: r.asOf,
      currency: r.currency,
      hasTarget: r.hasTarget,
      figures,
      chart:
        r.hasTarget && points.length > 1
          ? { unit: 'money', points: points.map((p) => ({ date: p.date, closedWon: p.closedWon, target: p.linear })) }
          : null,
      message: r.hasTarget
        ? null
        : `No revenue target is set for ${r.period}: set one in Targets (or import a targets file) to see attainment and pace.`,
    }
  }

  private handoffSlide(now: Date): HandoffSlide {
    const h = this.services.handoff.overview({ asOf: null, from: null, to: null }, now)
    const goal = boardSettings(getSettings(this.db).settings).goals
    const noWorked = h.slaNeeds.length > 0 ? `the export has no ${h.slaNeeds.join(' or ')}` : 'the SLA cannot be measured'
    const figures: Figure[] = [
      { key: 'mqls', label: 'MQLs handed off', value: h.handedOff, unit: 'count' },
      {
        key: 'acceptanceRate',
        label: 'Accepted by sales',
        value: h.acceptanceRate,
        unit: 'percent',
        ...(h.acceptanceRate === null
          ? { missing: 'no lead handed off in the window' }
          : { status: h.acceptanceRate >= goal.acceptanceRate ? 'onTrack' : 'behind' }),
      },
      {
        key: 'slaAttainment',
        label: 'Touched within SLA',
        value: h.slaAttainment,
        unit: 'percent',
        headline: true,
        ...(h.slaAttainment === null ? { missing: noWorked } : { status: h.slaAttainment >= goal.slaAttainment ? 'onTrack' : 'behind' }),
      },
      {
        key: 'breached',
        label: 'Breached now',
        value: h.breached,
        unit: 'count',
        ...(h.breached === null ? { missing: noWorked } : { status: h.breached > 0 ? 'breached' : 'ok' }),
      },
    ]
    const breachedByOwner = h.backlogBy.owner
      .filter((g) => g.breached > 0)
      .sort((a, b) => b.breached - a.breached || a.key.localeCompare(b.key))
      .slice(0, MAX_OWNERS)
      .map((g) => ({ owner: g.key === '' ? 'No owner' : g.key, breached: g.breached }))
    return {
      id: 'handoff',
      title: SLIDE_TITLE.handoff,
      fromDate: h.scope.fromDate,
      toDate: h.scope.toDate,
      figures,
      breachedByOwner,
      message: h.handedOff === 0 && h.dataRange === null ? 'No leads imported yet: import a leads export to see the handoff.' : null,
    }
  }

  private boardSlide(now: Date): BoardSlide {
    const data = this.services.board.view(ALL_ITEMS, now)
    const base = { id: 'board' as const, title: SLIDE_TITLE.board }
    if (data.meetings.length === 0) {
      return {
        ...base,
        meeting: null,
        figures: [],
        items: [],
        more: 0,
        message: 'No meeting yet: plan or start one on the Board, and its action items show here.',
      }
    }
    const open = data.items.filter((i) => i.status !== 'done')
    const overdue = open.filter((i) => i.dueDate !== null && i.dueDate < data.today)
    const done = data.items.filter((i) => i.status === 'done')
    const items = open.slice(0, MAX_BOARD_ITEMS).map((i) => ({
      title: i.title,
      owner: i.owner,
      team: TEAM_LABEL[i.team],
      dueDate: i.dueDate,
      status: STATUS_LABEL[i.status],
      overdue: i.dueDate !== null && i.dueDate < data.today,
      timesCarried: i.timesCarried,
    }))
    return {
      ...base,
      meeting: data.current ? { title: data.current.title, scheduledAt: data.current.scheduledAt, state: data.current.state } : null,
      figures: [
        { key: 'open', label: 'Open', value: open.length, unit: 'count', headline: true },
        { key: 'overdue', label: 'Overdue', value: overdue.length, unit: 'count', status: overdue.length > 0 ? 'overdue' : 'ok' },
        { key: 'done', label: 'Done', value: done.length, unit: 'count' },
      ],
      items,
      more: open.length - items.length,
      message: data.items.length === 0 ? 'No action items in this meeting yet: press A to add one.' : null,
    }
  }

  private sinceLastSlide(now: Date): SinceLastSlide {
    const report = this.services.board.report(undefined, now)
    const base = { id: 'sinceLast' as const, title: SLIDE_TITLE.sinceLast }
    if (report.meeting === null || report.snapshot === null) {
      return {
        ...base,
        meeting: null,
        figures: [],
        message: 'No meeting has started yet: once one starts on the Board, this slide shows what changed since the one before.',
      }
    }
    const s = report.sinceLast
    if (s === null) {
      return {
        ...base,
        meeting: null,
        figures: [],
        message: `"${report.meeting.title}" is the first meeting with a snapshot: from the next one on, this slide shows what changed.`,
      }
    }
    return {
      ...base,
      meeting: { title: report.meeting.title, previousTitle: s.previousTitle, previousAsOf: s.previousAsOf },
      figures: [
        {
          key: 'attainmentChange',
          label: 'Attainment change',
          value: s.attainmentChange,
          unit: 'points',
          headline: true,
          ...(s.attainmentChange === null ? { missing: 'attainment unknown at one of the meetings' } : {}),
        },
        { key: 'newMqls', label: 'New MQLs', value: s.newMqls, unit: 'count' },
        { key: 'newBreaches', label: 'New breaches', value: s.newBreaches, unit: 'count', status: s.newBreaches > 0 ? 'breached' : 'ok' },
        { key: 'itemsClosed', label: 'Items closed', value: s.itemsClosed, unit: 'count' },
        {
          key: 'itemsSlipped',
          label: 'Items slipped',
          value: s.itemsSlipped,
          unit: 'count',
          status: s.itemsSlipped > 0 ? 'overdue' : 'ok',
        },
        { key: 'itemsCarried', label: 'Items carried over', value: s.itemsCarried, unit: 'count' },
      ],
      message: null,
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Presentation state

  state(): PresentationState {
    return this.current
  }

  /**
   * Starts presenting: with a second display an audience window opens on it and this window becomes the
   * presenter view; `presenterView` asks for the presenter view on one display (a rehearsal).
   */
  start(options: { presenterView: boolean }, now = new Date()): PresentationState {
    const settings = this.settings()
    const count = visibleSlides(settings, this.profile(settings)).length
    const audience = this.screens?.open() ?? false
    const t = now.getTime()
    return this.set({
      ...IDLE_STATE,
      active: true,
      mode: audience || options.presenterView ? 'presenter' : 'slides',
      count,
      // Auto-advance off: the dwell counts only once P resumes it.
      paused: !settings.autoAdvance,
      since: t,
      startedAt: t,
    })
  }

  control(c: Control, now = new Date()): PresentationState {
    if (!this.current.active) throw new AppError('CONFLICT', 'No presentation is running: press Present (F5) first.')
    const next = applyControl(this.current, c, now.getTime())
    return next === this.current ? next : this.set(next)
  }

  stop(): PresentationState {
    this.screens?.close()
    return this.set(IDLE_STATE)
  }

  private set(s: PresentationState): PresentationState {
    this.current = s
    this.events.stateChanged(s)
    return s
  }
}
