import type { JSX } from 'react'
import { Icon } from './Icon'

/** A view's failure to load, in words, where its content would be. */
export function ErrorBanner({ message }: { message: string }): JSX.Element {
  return (
    <div className="banner banner-error" role="alert">
      <Icon name="alert" /> {message}
    </div>
  )
}

/** What a view shows before its first report arrives: why it failed, or that it is on its way. */
export function LoadingOrError({ error, loading }: { error: string | null; loading: string }): JSX.Element {
  return error ? <ErrorBanner message={error} /> : <p className="muted">{loading}</p>
}
