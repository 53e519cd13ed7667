import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function roiHandlers(deps: MainDeps): Handlers['roi'] {
  const { roi } = deps
  return {
    report: (query) => roi.report(query),
  }
}
