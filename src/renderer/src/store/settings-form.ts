import type { Problem } from '@shared/result'
import { boardSettings, checkSettings, type Settings, type SourcedBy, type StageCategory } from '@shared/settings'

/**
 * The settings editor's working copy. Lists stay lists (so a duplicated currency or grade can be shown
 * on its row rather than silently merged) and numbers stay the text the user typed (so "1." or an
 * empty field can be edited). `formToDocument` turns it back into a settings document and reports
 * problems with paths the editor can show next to the field.
 */
export interface SettingsForm {
  currency: string
  timezone: string
  fiscalYearStartMonth: number
  fxRates: { code: string; rate: string }[]
  stages: { match: string; category: StageCategory; probability: string }[]
  sources: { match: string; sourcedBy: SourcedBy }[]
  sla: {
    clock: Settings['sla']['clock']
    days: number[]
    start: string
    end: string
    holidays: string[]
    firstTouch: { grade: string; hours: string }[]
  }
  rejectionReasons: string[]
  /** The meeting board's cadence (days) and the goals a linked metric recovers at (percentages as typed). */
  board: { cadenceDays: string; slaAttainment: string; acceptanceRate: string; backlog: string }
}

const numberText = (n: number): string => String(Math.round(n * 1e6) / 1e6)

export function settingsToForm(s: Settings): SettingsForm {
  return {
    currency: s.currency,
    timezone: s.timezone,
    fiscalYearStartMonth: s.fiscalYearStartMonth,
    fxRates: Object.entries(s.fxRates).map(([code, rate]) => ({ code, rate: numberText(rate) })),
    stages: s.stages.map((st) => ({
      match: st.match,
      category: st.category,
      probability: st.probability === undefined ? '' : numberText(st.probability * 100),
    })),
    sources: s.sources.map((so) => ({ ...so })),
    sla: {
      clock: s.sla.clock,
      days: [...s.sla.businessHours.days],
      start: s.sla.businessHours.start,
      end: s.sla.businessHours.end,
      holidays: [...s.sla.holidays],
      // "*" (any other grade) always last, where the editor shows it as a fixed row.
      firstTouch: Object.entries(s.sla.firstTouchHours)
        .sort(([a], [b]) => (a === '*' ? 1 : b === '*' ? -1 : 0))
        .map(([grade, hours]) => ({ grade, hours: numberText(hours) })),
    },
    rejectionReasons: [...s.rejectionReasons],
    board: boardForm(boardSettings(s)),
  }
}

function boardForm(b: NonNullable<Settings['board']>): SettingsForm['board'] {
  return {
    cadenceDays: String(b.cadenceDays),
    slaAttainment: numberText(b.goals.slaAttainment * 100),
    acceptanceRate: numberText(b.goals.acceptanceRate * 100),
    backlog: String(b.goals.backlog),
  }
}

/** A number typed by the user, or the text itself when it is not one (the schema then says why). */
function parseNumber(text: string): number | string {
  const t = text.trim().replace(',', '.')
  if (t === '') return text
  const n = Number(t)
  return Number.isFinite(n) ? n : text
}

/** A percentage typed by the user as the fraction the settings store (or the text, for the schema to refuse). */
function percentOf(text: string): number | string {
  const n = parseNumber(text)
  return typeof n === 'number' ? n / 100 : n
}

export function formToDocument(form: SettingsForm): { doc: unknown; problems: Problem[] } {
  const problems: Problem[] = []

  const fxRates: Record<string, unknown> = {}
  form.fxRates.forEach((row, i) => {
    const code = row.code.trim().toUpperCase()
    if (code in fxRates) problems.push({ path: `fxRates.${code}`, message: `${code} is listed twice (row ${i + 1})` })
    fxRates[code] = parseNumber(row.rate)
  })

  const firstTouchHours: Record<string, unknown> = {}
  form.sla.firstTouch.forEach((row, i) => {
    const grade = row.grade.trim()
    if (grade in firstTouchHours) {
      problems.push({ path: `sla.firstTouchHours.${grade}`, message: `grade ${grade} is listed twice (row ${i + 1})` })
    }
    firstTouchHours[grade] = parseNumber(row.hours)
  })

  const doc = {
    currency: form.currency.trim().toUpperCase(),
    timezone: form.timezone.trim(),
    fiscalYearStartMonth: form.fiscalYearStartMonth,
    fxRates,
    stages: form.stages.map((s) => {
      const p = s.probability.trim()
      const parsed = parseNumber(p)
      const probability = p === '' ? undefined : typeof parsed === 'number' ? parsed / 100 : parsed
      return probability === undefined ? { match: s.match, category: s.category } : { match: s.match, category: s.category, probability }
    }),
    sources: form.sources.map((s) => ({ match: s.match, sourcedBy: s.sourcedBy })),
    sla: {
      clock: form.sla.clock,
      businessHours: { days: [...form.sla.days].sort((a, b) => a - b), start: form.sla.start, end: form.sla.end },
      holidays: form.sla.holidays,
      firstTouchHours,
    },
    rejectionReasons: form.rejectionReasons,
    board: {
      cadenceDays: parseNumber(form.board.cadenceDays),
      goals: {
        slaAttainment: percentOf(form.board.slaAttainment),
        acceptanceRate: percentOf(form.board.acceptanceRate),
        backlog: parseNumber(form.board.backlog),
      },
    },
  }

  const checked = checkSettings(doc)
  if (!checked.ok) problems.push(...checked.problems)
  return { doc: checked.ok ? checked.settings : doc, problems }
}

/** Problems for one field or row: those at `path` or below it. */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`))
}
