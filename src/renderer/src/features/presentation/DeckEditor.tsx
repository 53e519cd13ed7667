import { useState, type JSX } from 'react'
import {
  type AMOUNT_MODES,
  DWELL_MAX,
  DWELL_MIN,
  type NAME_MODES,
  SLIDE_IDS,
  SLIDE_TITLE,
  THEMES,
  allProfiles,
  type DeckSettings,
  type RedactionProfile,
} from '@shared/presentation'
import { Dialog } from '../../components/Dialog'
import { useStore } from '../../store'

const NAME_WORD: Record<(typeof NAME_MODES)[number], string> = { full: 'shown', initials: 'as initials' }
const AMOUNT_WORD: Record<(typeof AMOUNT_MODES)[number], string> = { full: 'shown', percentOfTarget: 'as % of target' }

function describe(p: RedactionProfile): string {
  const hidden = p.hiddenSlides.length > 0 ? `; hides ${p.hiddenSlides.map((s) => SLIDE_TITLE[s]).join(', ')}` : ''
  return `Rep names ${NAME_WORD[p.repNames]}, account names ${NAME_WORD[p.accountNames]}, amounts ${AMOUNT_WORD[p.amounts]}${hidden}`
}

const move = <T,>(list: readonly T[], from: number, to: number): T[] => {
  const out = [...list]
  const [item] = out.splice(from, 1)
  if (item !== undefined) out.splice(to, 0, item)
  return out
}

/** One choice of a profile (rep names, account names, amounts) as a labelled select. */
function ModeSelect<M extends string>({
  label,
  value,
  words,
  onChange,
}: {
  label: string
  value: M
  words: Record<M, string>
  onChange(value: M): void
}): JSX.Element {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value as M)}>
        {(Object.keys(words) as M[]).map((m) => (
          <option key={m} value={m}>
            {words[m]}
          </option>
        ))}
      </select>
    </label>
  )
}

/** A profile of one's own, added from the editor: starts as External with the board shown. */
function newProfile(existing: readonly RedactionProfile[]): RedactionProfile {
  let n = 1
  while (existing.some((p) => p.id === `custom-${n}`)) n++
  return {
    id: `custom-${n}`,
    name: `My profile ${n}`,
    repNames: 'initials',
    accountNames: 'initials',
    amounts: 'percentOfTarget',
    hiddenSlides: [],
  }
}

/** The deck: order (up/down), hidden slides, dwell and notes per slide, profile, theme, stale threshold. */
export function DeckEditor(): JSX.Element {
  const saved = useStore((s) => s.deckSettings)
  const error = useStore((s) => s.deckSettingsError)
  const close = useStore((s) => s.openDeckEditor)
  if (!saved) {
    return (
      <Dialog title="Presentation deck" onClose={() => close(false)}>
        <p>{error ?? 'Loading…'}</p>
      </Dialog>
    )
  }
  return <DeckForm saved={saved} />
}

function DeckForm({ saved }: { saved: DeckSettings }): JSX.Element {
  const error = useStore((s) => s.deckSettingsError)
  const save = useStore((s) => s.saveDeckSettings)
  const close = useStore((s) => s.openDeckEditor)
  const start = useStore((s) => s.startPresentation)
  const [draft, setDraft] = useState<DeckSettings>(saved)
  const edit = (change: Partial<DeckSettings>): void => setDraft({ ...draft, ...change })
  const profiles = allProfiles(draft)
  const custom = draft.profiles.find((p) => p.id === draft.profile)
  const editProfile = (change: Partial<RedactionProfile>): void =>
    edit({ profiles: draft.profiles.map((p) => (p.id === draft.profile ? { ...p, ...change } : p)) })
  return (
    <Dialog title="Presentation deck" onClose={() => close(false)}>
      <form
        className="deck-editor"
        onSubmit={(e) => {
          e.preventDefault()
          void save(draft).then((ok) => ok && close(false))
        }}
      >
        <table className="deck-slides">
          <caption>Slides, in the order shown</caption>
          <thead>
            <tr>
              <th scope="col">Slide</th>
              <th scope="col">Shown</th>
              <th scope="col">Dwell (s)</th>
              <th scope="col">Notes</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {draft.slides.map((s, i) => (
              <tr key={s.id}>
                <th scope="row">{SLIDE_TITLE[s.id]}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Show ${SLIDE_TITLE[s.id]}`}
                    checked={!s.hidden}
                    onChange={(e) => edit({ slides: draft.slides.map((x) => (x.id === s.id ? { ...x, hidden: !e.target.checked } : x)) })}
                  />
                </td>
                <td>
                  <input
                    className="input narrow"
                    type="number"
                    min={DWELL_MIN}
                    max={DWELL_MAX}
                    aria-label={`Dwell of ${SLIDE_TITLE[s.id]} in seconds`}
                    value={s.dwellSeconds}
                    onChange={(e) =>
                      edit({
                        slides: draft.slides.map((x) => (x.id === s.id ? { ...x, dwellSeconds: Math.round(Number(e.target.value)) } : x)),
                      })
                    }
                  />
                </td>
                <td>
                  <input
                    className="input"
                    aria-label={`Notes for ${SLIDE_TITLE[s.id]}`}
                    maxLength={2000}
                    value={s.notes}
                    onChange={(e) => edit({ slides: draft.slides.map((x) => (x.id === s.id ? { ...x, notes: e.target.value } : x)) })}
                  />
                </td>
                <td className="deck-order">
                  <button
                    type="button"
                    className="button subtle"
                    aria-label={`Move ${SLIDE_TITLE[s.id]} up`}
                    disabled={i === 0}
                    onClick={() => edit({ slides: move(draft.slides, i, i - 1) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button subtle"
                    aria-label={`Move ${SLIDE_TITLE[s.id]} down`}
                    disabled={i === draft.slides.length - 1}
                    onClick={() => edit({ slides: move(draft.slides, i, i + 1) })}
                  >
                    ↓
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="field-grid">
          <label className="field">
            <span className="field-label">Redaction profile</span>
            <select className="input" value={draft.profile} onChange={(e) => edit({ profile: e.target.value })}>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            onClick={() => {
              const p = newProfile(draft.profiles)
              edit({ profiles: [...draft.profiles, p], profile: p.id })
            }}
          >
            New profile
          </button>
        </div>
        <p className="field-help">{describe(profiles.find((p) => p.id === draft.profile) ?? (profiles[0] as RedactionProfile))}</p>
        {custom ? (
          <fieldset className="deck-profile">
            <legend>Your profile</legend>
            <label className="field">
              <span className="field-label">Name</span>
              <input className="input" value={custom.name} maxLength={60} onChange={(e) => editProfile({ name: e.target.value })} />
            </label>
            <ModeSelect label="Rep names" value={custom.repNames} words={NAME_WORD} onChange={(repNames) => editProfile({ repNames })} />
            <ModeSelect
              label="Account names"
              value={custom.accountNames}
              words={NAME_WORD}
              onChange={(accountNames) => editProfile({ accountNames })}
            />
            <ModeSelect label="Amounts" value={custom.amounts} words={AMOUNT_WORD} onChange={(amounts) => editProfile({ amounts })} />
            {SLIDE_IDS.map((id) => (
              <label key={id} className="check">
                <input
                  type="checkbox"
                  checked={custom.hiddenSlides.includes(id)}
                  onChange={(e) =>
                    editProfile({
                      hiddenSlides: e.target.checked ? [...custom.hiddenSlides, id] : custom.hiddenSlides.filter((x) => x !== id),
                    })
                  }
                />{' '}
                Hide {SLIDE_TITLE[id]}
              </label>
            ))}
            <button
              type="button"
              className="button subtle"
              onClick={() => edit({ profiles: draft.profiles.filter((p) => p.id !== custom.id), profile: 'joint' })}
            >
              Delete this profile
            </button>
          </fieldset>
        ) : null}
        <div className="field-grid">
          <label className="field">
            <span className="field-label">Theme</span>
            <select className="input" value={draft.theme} onChange={(e) => edit({ theme: e.target.value as DeckSettings['theme'] })}>
              {THEMES.map((t) => (
                <option key={t} value={t}>
                  {t === 'dark' ? 'Dark' : 'Light'}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.highContrast} onChange={(e) => edit({ highContrast: e.target.checked })} /> High contrast
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.autoAdvance} onChange={(e) => edit({ autoAdvance: e.target.checked })} /> Advance on its
            own (P pauses)
          </label>
          <label className="field">
            <span className="field-label">Flag data older than (days)</span>
            <input
              className="input narrow"
              type="number"
              min={1}
              max={365}
              value={draft.staleDays}
              onChange={(e) => edit({ staleDays: Math.round(Number(e.target.value)) })}
            />
          </label>
        </div>
        {error ? (
          <p className="field-problems" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button primary">
            Save deck
          </button>
          <button type="button" className="button" onClick={() => void save(draft).then((ok) => ok && void start({ presenterView: true }))}>
            Save and rehearse (presenter view)
          </button>
        </div>
      </form>
    </Dialog>
  )
}
