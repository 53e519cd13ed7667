import type { MainDeps } from './deps'
import type { Handlers } from './register'

/** The Handoff view: the same service as `report handoff` and `report funnel`. */
export function handoffHandlers(deps: MainDeps): Handlers['handoff'] {
  const { handoff } = deps
  return {
    overview: (query) => handoff.overview(query),
    trends: (asOf) => handoff.trends(asOf),
    funnel: (query) => handoff.funnel(query),
    leads: (query) => handoff.leads(query),
    lead: (id, asOf) => handoff.lead(id, asOf),
    facets: () => handoff.facets(),
    gradeHistory: () => handoff.gradeHistory(),
    mqlTargets: () => handoff.mqlTargets(),
    setMqlTarget: (month, mqls) => handoff.setMqlTarget(month, mqls),
  }
}
