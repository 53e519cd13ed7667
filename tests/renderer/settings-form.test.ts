import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/shared/settings'
import { formToDocument, problemsAt, settingsToForm } from '../../src/renderer/src/store/settings-form'

describe('settings form', () => {
  it('round-trips the defaults exactly', () => {
    const { doc, problems } = formToDocument(settingsToForm(defaultSettings()))
    expect(problems).toEqual([])
    expect(doc).toEqual(defaultSettings())
  })

  it('edits probabilities in percent and stores fractions', () => {
    const form = settingsToForm({ ...defaultSettings(), stages: [{ match: 'Negotiation', category: 'open', probability: 0.6 }] })
    expect(form.stages[0]!.probability).toBe('60')
    form.stages[0]!.probability = '75,5'
    const { doc } = formToDocument(form)
    expect((doc as { stages: { probability: number }[] }).stages[0]!.probability).toBeCloseTo(0.755)
  })

  it('keeps "*" as the last SLA row', () => {
    const form = settingsToForm({ ...defaultSettings(), sla: { ...defaultSettings().sla, firstTouchHours: { '*': 72, A: 4 } } })
    expect(form.sla.firstTouch.map((r) => r.grade)).toEqual(['A', '*'])
  })

  it('reports a currency listed twice on its row instead of merging the two', () => {
    const form = settingsToForm(defaultSettings())
    form.fxRates.push({ code: 'eur', rate: '2' })
    const { problems } = formToDocument(form)
    expect(problemsAt(problems, 'fxRates.EUR')).toEqual([{ path: 'fxRates.EUR', message: 'EUR is listed twice (row 3)' }])
  })

  it('reports text typed into a number field', () => {
    const form = settingsToForm(defaultSettings())
    form.sla.firstTouch[0]!.hours = 'soon'
    const { problems } = formToDocument(form)
    expect(problemsAt(problems, 'sla.firstTouchHours.A')[0]!.message).toMatch(/number of hours/)
  })
})

describe('the meeting board settings in the editor', () => {
  it('keeps a saved cadence and goals through the form, and reads percentages and days as typed', () => {
    const s = { ...defaultSettings(), board: { cadenceDays: 7, goals: { slaAttainment: 0.85, acceptanceRate: 0.6, backlog: 10 } } }
    const form = settingsToForm(s)
    expect(form.board).toEqual({ cadenceDays: '7', slaAttainment: '85', acceptanceRate: '60', backlog: '10' })
    expect(formToDocument(form)).toEqual({ doc: s, problems: [] })
    const edited = formToDocument({ ...form, board: { ...form.board, cadenceDays: '21', acceptanceRate: '75' } })
    expect(edited.problems).toEqual([])
    expect((edited.doc as typeof s).board).toEqual({ cadenceDays: 21, goals: { slaAttainment: 0.85, acceptanceRate: 0.75, backlog: 10 } })
    expect(formToDocument({ ...form, board: { ...form.board, cadenceDays: 'often' } }).problems.map((p) => p.path)).toContain(
      'board.cadenceDays',
    )
  })
})
