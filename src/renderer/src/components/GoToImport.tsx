import type { JSX } from 'react'
import { Icon } from './Icon'
import { useStore } from '../store'

export function GoToImport(): JSX.Element {
  const navigate = useStore((s) => s.navigate)
  return (
    <button type="button" className="button primary" onClick={() => navigate('import')}>
      <Icon name="import" />
      Import a file
    </button>
  )
}
