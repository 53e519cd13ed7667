import { AppError } from '../errors'
import { vetExternalUrl } from '../security-policy'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function appHandlers(deps: MainDeps): Handlers['app'] {
  return {
    info: () => deps.appInfo,
    openExternal: async (url) => {
      const vetted = vetExternalUrl(url)
      if (!vetted) throw new AppError('URL_REFUSED', 'Only https: and mailto: links can be opened.')
      await deps.openExternal(vetted)
      return null
    },
  }
}
