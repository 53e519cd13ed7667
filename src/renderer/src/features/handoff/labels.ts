import type { FunnelStepName, LeadStatus, StatusFilter } from '@shared/handoff'
import type { IconName } from '../../components/Icon'

/** Status words and icons: the table never relies on colour alone. */
export const STATUS_LABEL: Record<LeadStatus, { label: string; icon: IconName }> = {
  breached: { label: 'Breached', icon: 'alert' },
  waiting: { label: 'Waiting', icon: 'clock' },
  worked: { label: 'Worked', icon: 'check' },
  rejected: { label: 'Rejected', icon: 'x' },
  recycled: { label: 'Recycled', icon: 'recycle' },
  upcoming: { label: 'Not handed off yet', icon: 'info' },
  unmeasured: { label: 'Not measurable: no worked dates in the export', icon: 'info' },
}

export const STATUS_FILTER_LABEL: Record<StatusFilter, string> = {
  backlog: 'Backlog (not worked)',
  breached: 'Breached',
  worked: 'Worked',
  rejected: 'Rejected',
  recycled: 'Recycled',
}

export const STEP_LABEL: Record<FunnelStepName, string> = {
  handedOff: 'Handed off',
  accepted: 'Accepted',
  qualified: 'Qualified (SQL)',
  opportunity: 'Opportunity',
  won: 'Won',
}

/** How an empty owner, grade or source shows. */
export const none = (value: string | null, what: string): string => (value === null || value === '' ? `(no ${what})` : value)
