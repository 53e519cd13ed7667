import { AppError } from '../errors'
import { vetPageLink } from '../security-policy'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function appHandlers(deps: MainDeps): Handlers['app'] {
  return {
    info: () => deps.appInfo,
    openExternal: async (url) => {
      const vetted = vetPageLink(url)
      if (!vetted) throw new AppError('URL_REFUSED', 'Only https: and mailto: links without a query string can be opened.')
      return deps.openExternal(vetted)
    },
  }
}
