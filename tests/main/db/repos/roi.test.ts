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
    // A calendar year of leads read in the order of the groups: no sort of the leads.
    expect(plans['handedOff']).toMatch(/SEARCH leads USING COVERING INDEX leads_roi_handoff \(<expr>=\?\)/)
    expect(plans['qualified']).toMatch(/SEARCH leads USING COVERING INDEX leads_roi_qualified \(<expr>=\?\)/)
    for (const name of ['handedOff', 'qualified']) expect(plans[name]).not.toMatch(/TEMP B-TREE/)
    // The linked leads' campaign and source are stored on the deals: no probe of the leads.
    expect(plans['created']).not.toMatch(/leads/)
    // A calendar year of deals read in the order of the groups: no sort of the deals.
    expect(plans['created']).toMatch(/SEARCH o USING COVERING INDEX opportunities_roi_created \(<expr>=\?\)/)
    expect(plans['created']).not.toMatch(/TEMP B-TREE/)
    // Only the won deals of the window are read (the stage leads the index), and only those that some
    // lead names probe the leads.
    const wonRange = /SEARCH o USING COVERING INDEX opportunities_roi_won \(stage=\? AND close_date>\? AND close_date<\?\)/
    expect(plans['won']).toMatch(wonRange)
    expect(plans['won']).not.toMatch(/leads|TEMP B-TREE/)
    expect(plans['wonLinks']).toMatch(wonRange)
    expect(plans['wonLinks']).toMatch(/SEARCH l USING COVERING INDEX leads_by_opportunity/)
    expect(plans['stages']).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_roi_won \(stage>\?\)/)
    expect(plans['stages']).not.toMatch(/SCAN opportunities/)
    // A short window sorts its own rows, from a range of an index.
    expect(plans['createdRange']).toMatch(/SEARCH o USING COVERING INDEX opportunities_by_created \(created_at>\? AND created_at<\?\)/)
    expect(plans['handedOffRange']).toMatch(/SEARCH leads USING COVERING INDEX leads_by_handoff \(handed_off_at>\? AND handed_off_at<\?\)/)
    expect(plans['named']).toMatch(/leads_by_campaign.*opportunities_by_campaign/)
  })
})
