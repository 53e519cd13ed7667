import type {
  FunnelQuery,
  FunnelReport,
  GradeHistory,
  HandoffMetrics,
  HandoffOverview,
  HandoffQuery,
  LeadDetail,
  LeadPage,
  LeadQuery,
  MonthTrend,
  MqlTarget,
} from '@shared/handoff'
import { leadFacets } from '../db/repos/leads'
import { listMqlTargets, setMqlTarget } from '../db/repos/mql-targets'
import { funnelReport } from '../metrics/funnel'
import { gradeHistory } from '../metrics/grade-history'
import { handoffMetrics, handoffOverview, handoffTrends } from '../metrics/handoff'
import { leadDetail, leadTable } from '../metrics/leads'
import { handoffScope, parseAsOf } from '../metrics/scope'
import { getSettings } from './settings'
import type { WorkspaceManager } from './workspace'

/** The Handoff view and `report handoff` / `report funnel`: the same metric code for both. */
export class HandoffService {
  constructor(private readonly workspace: WorkspaceManager) {}

  private settings() {
    return getSettings(this.workspace.db).settings
  }

  overview(query: HandoffQuery, now = new Date()): HandoffOverview {
    const s = this.settings()
    return handoffOverview(this.workspace.db, s, handoffScope(s, query, now))
  }

  /** The numbers of PRODUCT.md's `report handoff --json`. */
  metrics(query: HandoffQuery, now = new Date()): HandoffMetrics {
    return handoffMetrics(this.overview(query, now))
  }

  trends(asOf: string | null, now = new Date()): MonthTrend[] {
    const s = this.settings()
    return handoffTrends(this.workspace.db, s, asOf === null ? now.getTime() : parseAsOf(asOf, s.timezone))
  }

  funnel(query: FunnelQuery, now = new Date()): FunnelReport {
    return funnelReport(this.workspace.db, this.settings(), query, now)
  }

  leads(query: LeadQuery, now = new Date()): LeadPage {
    return leadTable(this.workspace.db, this.settings(), query, now)
  }

  lead(id: number, asOf: string | null, now = new Date()): LeadDetail {
    return leadDetail(this.workspace.db, this.settings(), id, asOf, now)
  }

  facets(): { owners: string[]; grades: string[]; sources: string[] } {
    return leadFacets(this.workspace.db)
  }

  gradeHistory(): GradeHistory[] {
    return gradeHistory(this.workspace.db)
  }

  mqlTargets(): MqlTarget[] {
    return listMqlTargets(this.workspace.db)
  }

  /** Sets a month's MQL target, or removes it with null; returns every target. */
  setMqlTarget(month: string, mqls: number | null, now = new Date()): MqlTarget[] {
    setMqlTarget(this.workspace.db, month, mqls, now.toISOString())
    return listMqlTargets(this.workspace.db)
  }
}
