import { z } from 'zod'
import type { Problem } from './result'

/**
 * The settings document: the team's common language (PRODUCT.md, "Settings"). One schema serves the
 * main process (the guard), the renderer (live validation in the editor) and the CLI.
 */

export const STAGE_CATEGORIES = ['won', 'lost', 'open'] as const
export const SOURCED_BY = ['marketing', 'sales', 'partner'] as const
export const SLA_CLOCKS = ['calendar', 'business'] as const
/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

const currencyCode = z
  .string({ error: 'must be a currency code' })
  .regex(/^[A-Z]{3}$/, { error: 'must be a three-letter currency code in capitals, such as USD' })

const match = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
const hhmm = z.string({ error: 'must be a time such as 09:00' }).regex(HHMM, { error: 'must be a 24-hour time such as 09:00' })

const hours = z
  .number({ error: 'must be a number of hours' })
  .finite({ error: 'must be a finite number' })
  .positive({ error: 'must be more than 0 hours' })
  .max(24 * 365, { error: 'must be at most a year (8760 hours)' })

const caseInsensitiveUnique =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>()
    items.forEach((item, i) => {
      const k = key(item).trim().toLowerCase()
      const first = seen.get(k)
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `"${key(item).trim()}" is already ${what} in row ${first + 1}`,
        })
      } else seen.set(k, i)
    })
  }

export const stageRuleSchema = z.strictObject({
  match,
  category: z.enum(STAGE_CATEGORIES, { error: 'must be won, lost or open' }),
  probability: z
    .number({ error: 'must be a number between 0 and 1 (0–100 %)' })
    .min(0, { error: 'must be between 0 and 1 (0–100 %)' })
    .max(1, { error: 'must be between 0 and 1 (0–100 %)' })
    .optional(),
})

export const sourceRuleSchema = z.strictObject({
  match,
  sourcedBy: z.enum(SOURCED_BY, { error: 'must be marketing, sales or partner' }),
})

export const settingsSchema = z.strictObject({
  currency: currencyCode,
  timezone: z
    .string({ error: 'must be a time zone name' })
    .refine(isTimeZone, { error: 'is not a known time zone (use a name such as America/New_York)' }),
  fiscalYearStartMonth: z
    .number({ error: 'must be a month number' })
    .int({ error: 'must be a whole month number from 1 to 12' })
    .min(1, { error: 'must be a month number from 1 to 12' })
    .max(12, { error: 'must be a month number from 1 to 12' }),
  fxRates: z.record(
    currencyCode,
    z.number({ error: 'must be a number' }).finite({ error: 'must be a finite number' }).positive({ error: 'must be more than 0' }),
  ),
  stages: z.array(stageRuleSchema).superRefine(caseInsensitiveUnique((s) => s.match, 'mapped')),
  sources: z.array(sourceRuleSchema).superRefine(caseInsensitiveUnique((s) => s.match, 'mapped')),
  sla: z.strictObject({
    clock: z.enum(SLA_CLOCKS, { error: 'must be calendar or business' }),
    businessHours: z
      .strictObject({
        days: z
          .array(
            z
              .number({ error: 'must be a weekday number' })
              .int({ error: 'must be a weekday number from 1 (Monday) to 7 (Sunday)' })
              .min(1, { error: 'must be a weekday number from 1 (Monday) to 7 (Sunday)' })
              .max(7, { error: 'must be a weekday number from 1 (Monday) to 7 (Sunday)' }),
          )
          .min(1, { error: 'needs at least one working day' })
          .refine((d) => new Set(d).size === d.length, { error: 'lists a day twice' }),
        start: hhmm,
        end: hhmm,
      })
      // Only comparable once both are valid times; otherwise the format message alone is clearer.
      .refine((b) => !HHMM.test(b.start) || !HHMM.test(b.end) || b.end > b.start, {
        error: 'the working day must end after it starts',
        path: ['end'],
      }),
    holidays: z
      .array(z.string({ error: 'must be a date' }).refine(isIsoDate, { error: 'must be a date as YYYY-MM-DD' }))
      .refine((d) => new Set(d).size === d.length, { error: 'lists a holiday twice' }),
    firstTouchHours: z.record(z.string().trim().min(1, { error: 'a grade must not be empty' }).max(20), hours).refine((r) => '*' in r, {
      error: 'needs a "*" entry: the limit for leads without a grade or with a grade not listed',
    }),
  }),
  rejectionReasons: z.array(match).superRefine(caseInsensitiveUnique((s: string) => s, 'listed')),
  /** The meeting board's cadence and the goals a linked metric recovers at; optional (see boardSettings). */
  board: z
    .strictObject({
      cadenceDays: z
        .number({ error: 'must be a number of days' })
        .int({ error: 'must be a whole number of days' })
        .min(1, { error: 'must be at least 1 day' })
        .max(366, { error: 'must be at most 366 days' }),
      goals: z.strictObject({
        slaAttainment: z.number().min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' }),
        acceptanceRate: z.number().min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' }),
        backlog: z.number().int({ error: 'must be a whole number of leads' }).min(0, { error: 'must not be negative' }),
      }),
    })
    .optional(),
})

/** The board's settings, with the defaults when a workspace has none: every 14 days, SLA 90 %, acceptance 70 %, backlog 0. */
export function boardSettings(settings: { board?: Settings['board'] }): NonNullable<Settings['board']> {
  return settings.board ?? { cadenceDays: 14, goals: { slaAttainment: 0.9, acceptanceRate: 0.7, backlog: 0 } }
}

export type Settings = z.infer<typeof settingsSchema>
export type StageRule = z.infer<typeof stageRuleSchema>
export type SourceRule = z.infer<typeof sourceRuleSchema>
export type StageCategory = (typeof STAGE_CATEGORIES)[number]
export type SourcedBy = (typeof SOURCED_BY)[number]

const stage = (m: string, category: StageCategory, probability?: number): StageRule =>
  probability === undefined ? { match: m, category } : { match: m, category, probability }

/**
 * Defaults that recognise the stock Salesforce, HubSpot and Pipedrive values (labels and HubSpot's
 * internal ids). Anything else shows up in the app as unmapped, for the user to map.
 */
export function defaultSettings(): Settings {
  return {
    currency: 'USD',
    timezone: 'America/New_York',
    fiscalYearStartMonth: 1,
    fxRates: { EUR: 1.08, GBP: 1.27 },
    stages: [
      stage('Closed Won', 'won'),
      stage('Closed Lost', 'lost'),
      stage('Won', 'won'),
      stage('Lost', 'lost'),
      // Salesforce standard sales process
      stage('Prospecting', 'open', 0.1),
      stage('Qualification', 'open', 0.1),
      stage('Needs Analysis', 'open', 0.2),
      stage('Value Proposition', 'open', 0.5),
      stage('Id. Decision Makers', 'open', 0.6),
      stage('Perception Analysis', 'open', 0.7),
      stage('Proposal/Price Quote', 'open', 0.75),
      stage('Proposal/Quote', 'open', 0.75),
      stage('Negotiation/Review', 'open', 0.9),
      stage('Negotiation', 'open', 0.6),
      // HubSpot default pipeline (labels and internal ids)
      stage('Appointment Scheduled', 'open', 0.2),
      stage('appointmentscheduled', 'open', 0.2),
      stage('Qualified To Buy', 'open', 0.4),
      stage('qualifiedtobuy', 'open', 0.4),
      stage('Presentation Scheduled', 'open', 0.6),
      stage('presentationscheduled', 'open', 0.6),
      stage('Decision Maker Bought-In', 'open', 0.8),
      stage('decisionmakerboughtin', 'open', 0.8),
      stage('Contract Sent', 'open', 0.9),
      stage('contractsent', 'open', 0.9),
      stage('closedwon', 'won'),
      stage('closedlost', 'lost'),
      // Pipedrive default pipeline
      stage('Qualified', 'open', 0.1),
      stage('Contact Made', 'open', 0.2),
      stage('Demo Scheduled', 'open', 0.4),
      stage('Proposal Made', 'open', 0.6),
      stage('Negotiations Started', 'open', 0.8),
    ],
    sources: [
      { match: 'Webinar', sourcedBy: 'marketing' },
      { match: 'Web', sourcedBy: 'marketing' },
      { match: 'Online Form', sourcedBy: 'marketing' },
      { match: 'Online Ad', sourcedBy: 'marketing' },
      { match: 'Advertisement', sourcedBy: 'marketing' },
      { match: 'Trade Show', sourcedBy: 'marketing' },
      { match: 'Seminar - Internal', sourcedBy: 'marketing' },
      { match: 'Public Relations', sourcedBy: 'marketing' },
      { match: 'Purchased List', sourcedBy: 'marketing' },
      { match: 'Phone Inquiry', sourcedBy: 'marketing' },
      { match: 'Organic Search', sourcedBy: 'marketing' },
      { match: 'Paid Search', sourcedBy: 'marketing' },
      { match: 'Paid Social', sourcedBy: 'marketing' },
      { match: 'Social Media', sourcedBy: 'marketing' },
      { match: 'Email Marketing', sourcedBy: 'marketing' },
      { match: 'Direct Traffic', sourcedBy: 'marketing' },
      { match: 'Other Campaigns', sourcedBy: 'marketing' },
      // Channel values as HubSpot's API and Olist write them (snake case; matching ignores case), and
      // the plain channel names of hand-made sheets.
      { match: 'organic_search', sourcedBy: 'marketing' },
      { match: 'paid_search', sourcedBy: 'marketing' },
      { match: 'paid_social', sourcedBy: 'marketing' },
      { match: 'social_media', sourcedBy: 'marketing' },
      { match: 'email_marketing', sourcedBy: 'marketing' },
      { match: 'direct_traffic', sourcedBy: 'marketing' },
      { match: 'other_campaigns', sourcedBy: 'marketing' },
      { match: 'display', sourcedBy: 'marketing' },
      { match: 'email', sourcedBy: 'marketing' },
      { match: 'social', sourcedBy: 'marketing' },
      { match: 'other_publicities', sourcedBy: 'marketing' },
      // A referral (a referring site or word of mouth) arrives through marketing's channels; a partner's
      // or an employee's referral has its own value below.
      { match: 'Referral', sourcedBy: 'marketing' },
      { match: 'Referrals', sourcedBy: 'marketing' },
      // Pipedrive's lead origins.
      { match: 'Web Forms', sourcedBy: 'marketing' },
      { match: 'Web Visitors', sourcedBy: 'marketing' },
      { match: 'Live Chat', sourcedBy: 'marketing' },
      { match: 'Chatbot', sourcedBy: 'marketing' },
      { match: 'Marketplace', sourcedBy: 'partner' },
      { match: 'Prospector', sourcedBy: 'sales' },
      { match: 'Lead Suggestions', sourcedBy: 'sales' },
      { match: 'External Referral', sourcedBy: 'partner' },
      { match: 'Partner Referral', sourcedBy: 'partner' },
      { match: 'Partner', sourcedBy: 'partner' },
      { match: 'Seminar - Partner', sourcedBy: 'partner' },
      { match: 'Reseller', sourcedBy: 'partner' },
      { match: 'Outbound', sourcedBy: 'sales' },
      { match: 'Cold Call', sourcedBy: 'sales' },
      { match: 'Employee Referral', sourcedBy: 'sales' },
      { match: 'Telesales', sourcedBy: 'sales' },
    ],
    sla: {
      clock: 'calendar',
      businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      holidays: [],
      firstTouchHours: { A: 4, B: 24, C: 48, '*': 72 },
    },
    rejectionReasons: ['Not a fit', 'No budget', 'Duplicate', 'Bad contact data', 'Student / job seeker'],
    board: boardSettings({}),
  }
}

/** Turns a zod path into the dotted form the user sees (`sla.firstTouchHours.A`, `stages.3.match`). */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? String(p + 1) : String(p))).join('.')
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; problems: Problem[] }

export function checkSettings(input: unknown): SettingsCheck {
  const parsed = settingsSchema.safeParse(input)
  if (parsed.success) return { ok: true, settings: parsed.data }
  const problems = parsed.error.issues.map((issue) => ({
    path: formatPath(issue.path) || '(document)',
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.code === 'invalid_key'
          ? (issue.issues[0]?.message ?? issue.message)
          : issue.message,
  }))
  return { ok: false, problems }
}

/** One line for the CLI and error banners: the first problems, and how many more there are. */
export function summarizeProblems(problems: readonly Problem[], max = 3): string {
  const shown = problems.slice(0, max).map((p) => `${p.path}: ${p.message}`)
  const more = problems.length > max ? ` (and ${problems.length - max} more)` : ''
  return shown.join('; ') + more
}
