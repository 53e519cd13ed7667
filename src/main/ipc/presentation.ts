import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function presentationHandlers(deps: MainDeps): Handlers['presentation'] {
  const { presentation } = deps
  return {
    settings: () => presentation.settings(),
    saveSettings: (doc) => presentation.saveSettings(doc),
    deck: (query) => presentation.deck(query.profile),
    presenterDeck: () => presentation.presenterDeck(),
    state: () => presentation.state(),
    start: (options) => presentation.start(options),
    control: (c) => presentation.control(c),
    stop: () => presentation.stop(),
  }
}
