/** The From/To date pair used by every view that takes a date window. Both or neither must be set. */
export function DateRangeFields(props: {
  from: string
  to: string
  onFrom: (value: string) => void
  onTo: (value: string) => void
}): React.JSX.Element {
  return (
    <>
      <label className="inline-field">
        <span>From</span>
        <input className="input date" type="date" value={props.from} onChange={(e) => props.onFrom(e.target.value)} />
      </label>
      <label className="inline-field">
        <span>To</span>
        <input className="input date" type="date" value={props.to} onChange={(e) => props.onTo(e.target.value)} />
      </label>
    </>
  )
}

/** A half-filled range cannot be applied. */
export function isHalfRange(from: string, to: string): boolean {
  return (from === '') !== (to === '')
}
