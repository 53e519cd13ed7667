import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function targetsHandlers(deps: MainDeps): Handlers['targets'] {
  const { targets } = deps
  return {
    report: (query) => targets.report(query),
    list: (period) => targets.list(period),
    save: (edits) => targets.save(edits),
    undated: (category) => targets.undated(category),
    deal: (id) => targets.deal(id),
  }
}
