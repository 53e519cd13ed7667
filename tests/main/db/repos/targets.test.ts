import { describe, expect, it } from 'vitest'
import { targetsQueryPlans } from '../../../../src/main/db/repos/targets'
import { testWorkspace } from '../../../helpers/import'

describe('targets queries', () => {
  it('walk the report indexes, and aggregate the period and its history without sorting', async () => {
    const ws = await testWorkspace()
    const plans = targetsQueryPlans(ws.db)
    for (const name of ['periodDays', 'periodDaysWeighted', 'closedDays']) {
      expect(plans[name], name).toMatch(
        /^SEARCH opportunities USING COVERING INDEX opportunities_by_close \(close_date>\? AND close_date<\?\)/,
      )
      expect(plans[name], name).not.toMatch(/TEMP B-TREE/)
    }
    // Source-less deals and their leads' sources both come from covering indexes (migrations 5 and 6),
    // the deals' a partial index of only those deals.
    expect(plans['linkedSources']).toMatch(
      /SEARCH o USING COVERING INDEX opportunities_by_linked_close \(close_date>\? AND close_date<\?\)/,
    )
    expect(plans['linkedSources']).toMatch(/SEARCH l USING COVERING INDEX leads_source_by_key \(source_system=\? AND external_id=\?/)
    expect(plans['leadCohort']).toMatch(/SEARCH leads USING COVERING INDEX leads_by_handoff/)
    // Any index that starts with the hand-off time covers the count (the funnel's narrower one, since migration 11).
    expect(plans['handedOff']).toMatch(
      /SEARCH leads USING COVERING INDEX leads_(funnel_)?by_handoff \(handed_off_at>\? AND handed_off_at<\?\)/,
    )
    // A lone min() or max() reads one end of the index.
    expect(plans['firstClose']).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_by_close/)
    expect(plans['lastClose']).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_by_close/)
  })
})
