import { describe, expect, it } from 'vitest'
import { roiQueryPlans } from '../../../../src/main/db/repos/roi'
import { testWorkspace } from '../../../helpers/import'

describe('marketing ROI queries', () => {
  it('read ranges of indexes, never a whole table', async () => {
    const ws = await testWorkspace()
    const plans = roiQueryPlans(ws.db)
    for (const [name, plan] of Object.entries(plans)) {
      if (name === 'spend') continue // the spend table is small: one row per campaign and period
      expect(plan, name).not.toMatch(/SCAN (leads|opportunities|o|l|x)\b(?! USING)/)
    }
    expect(plans['handedOff']).toMatch(/SEARCH leads USING COVERING INDEX leads_by_handoff/)
    expect(plans['qualified']).toMatch(/SEARCH leads USING COVERING INDEX leads_roi_qualified/)
    expect(plans['created']).toMatch(/SEARCH o USING COVERING INDEX opportunities_by_created/)
    // The linked leads' campaign and source are stored on the deals: no probe of the leads.
    expect(plans['created']).not.toMatch(/leads/)
    // A calendar year of deals read in the order of the groups: no sort of the deals.
    expect(plans['created']).toMatch(/SEARCH o USING COVERING INDEX opportunities_by_created \(<expr>=\?\)/)
    expect(plans['created']).not.toMatch(/TEMP B-TREE/)
    expect(plans['won']).toMatch(/SEARCH o USING COVERING INDEX opportunities_roi_close/)
    expect(plans['won']).not.toMatch(/leads/)
    expect(plans['wonLinks']).toMatch(
      /SEARCH o USING COVERING INDEX opportunities_roi_close .*SEARCH l USING COVERING INDEX leads_by_opportunity/,
    )
    expect(plans['stages']).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_by_close/)
    expect(plans['named']).toMatch(/leads_by_campaign.*opportunities_by_campaign/)
  })
})
