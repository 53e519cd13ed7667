import { listMqlTargets, setMqlTarget } from '../db/repos/mql-targets'
import { leadFacets } from '../db/repos/leads'
import { funnelReport } from '../metrics/funnel'
import { gradeHistory } from '../metrics/grade-history'
import { handoffOverview, handoffTrends } from '../metrics/handoff'
import { leadDetail, leadTable } from '../metrics/leads'
import { handoffScope, parseAsOf } from '../metrics/scope'
import { getSettings } from '../services/settings'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

/** The Handoff view: the same metric functions as `report handoff` and `report funnel`. */
export function handoffHandlers(deps: MainDeps): Handlers['handoff'] {
  const { workspace } = deps
  const settings = () => getSettings(workspace.db).settings
  return {
    overview: (query) => {
      const s = settings()
      return handoffOverview(workspace.db, s, handoffScope(s, query, new Date()))
    },
    trends: (asOf) => {
      const s = settings()
      return handoffTrends(workspace.db, s, asOf === null ? Date.now() : parseAsOf(asOf, s.timezone))
    },
    funnel: (query) => funnelReport(workspace.db, settings(), query),
    leads: (query) => leadTable(workspace.db, settings(), query, new Date()),
    lead: (id, asOf) => leadDetail(workspace.db, settings(), id, asOf, new Date()),
    facets: () => leadFacets(workspace.db),
    gradeHistory: () => gradeHistory(workspace.db),
    mqlTargets: () => listMqlTargets(workspace.db),
    setMqlTarget: (month, mqls) => {
      setMqlTarget(workspace.db, month, mqls, new Date().toISOString())
      return listMqlTargets(workspace.db)
    },
  }
}
