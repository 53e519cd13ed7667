import type { JSX } from 'react'
import type { DealDetail as Deal } from '@shared/targets'
import { Dialog } from '../../components/Dialog'
import { formatDate, formatMoney } from '../../format'
import { useStore } from '../../store'

const CATEGORY_LABEL: Record<NonNullable<Deal['category']>, string> = { open: 'open', won: 'won', lost: 'lost' }

/** A value, or what is missing named in words (never a blank or a zero). */
const orNone = (value: string | null, missing: string): JSX.Element | string => value ?? <span className="muted">{missing}</span>

function DealFacts({ deal }: { deal: Deal }): JSX.Element {
  return (
    <dl className="facts" data-testid="deal-facts">
      <dt>Account</dt>
      <dd>{orNone(deal.account, 'No account')}</dd>
      <dt>Stage</dt>
      <dd>
        {deal.stage === null ? (
          <span className="muted">No stage</span>
        ) : (
          <>
            {deal.stage} <span className="muted">({deal.category ? CATEGORY_LABEL[deal.category] : 'not mapped in Settings'})</span>
          </>
        )}
      </dd>
      <dt>Amount</dt>
      <dd data-testid="deal-amount">
        {deal.amount === null ? <span className="muted">No amount</span> : formatMoney(deal.amount, deal.currency)}
        {deal.amount !== null && deal.currencyAssumed ? <span className="muted"> (no currency in the export: home currency)</span> : null}
      </dd>
      <dt>Owner</dt>
      <dd>{orNone(deal.owner, 'No owner')}</dd>
      <dt>Created</dt>
      <dd>{deal.createdAt ? formatDate(deal.createdAt.slice(0, 10)) : <span className="muted">No created date</span>}</dd>
      <dt>Close date</dt>
      <dd>{deal.closeDate ? formatDate(deal.closeDate) : <span className="muted">No close date</span>}</dd>
      <dt>Campaign</dt>
      <dd>{orNone(deal.campaign, 'No campaign')}</dd>
      <dt>Lead source</dt>
      <dd>{orNone(deal.leadSource, 'No lead source')}</dd>
      <dt>Id</dt>
      <dd className="mono">
        {deal.externalId} <span className="muted">({deal.sourceSystem})</span>
      </dd>
    </dl>
  )
}

function DealLeads({ deal }: { deal: Deal }): JSX.Element {
  const navigate = useStore((s) => s.navigate)
  const openLead = useStore((s) => s.openLeadDetail)
  const close = useStore((s) => s.closeDeal)
  if (deal.leadsTotal === 0) return <p className="muted">No lead in the workspace is linked to this deal.</p>
  return (
    <>
      <table className="data-table" data-testid="deal-leads">
        <caption className="field-label">Linked leads ({deal.leadsTotal})</caption>
        <thead>
          <tr>
            <th scope="col">Lead</th>
            <th scope="col">Owner</th>
            <th scope="col">Handed off</th>
          </tr>
        </thead>
        <tbody>
          {deal.leads.map((lead) => (
            <tr key={lead.id}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    close()
                    navigate('handoff')
                    void openLead(lead.id)
                  }}
                >
                  {[lead.name, lead.company].filter(Boolean).join(', ') || lead.externalId}
                </button>
              </td>
              <td>{orNone(lead.owner, 'No owner')}</td>
              <td>{lead.handedOffOn ? formatDate(lead.handedOffOn) : <span className="muted">Not handed off</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {deal.leadsTotal > deal.leads.length ? (
        <p className="muted small">
          The first {deal.leads.length} of {deal.leadsTotal} linked leads.
        </p>
      ) : null}
    </>
  )
}

/** The deal a board item's link opened: what it is, where it stands, and the leads behind it. */
export function DealDetail(): JSX.Element | null {
  const deal = useStore((s) => s.openDeal)
  const error = useStore((s) => s.openDealError)
  const close = useStore((s) => s.closeDeal)
  if (!deal && !error) return null
  if (!deal) {
    return (
      <Dialog title="Opportunity" onClose={close}>
        <p role="alert">{error}</p>
      </Dialog>
    )
  }
  return (
    <Dialog title={deal.name ?? deal.externalId} onClose={close}>
      <div className="deal-detail" data-testid="deal-detail">
        <DealFacts deal={deal} />
        <DealLeads deal={deal} />
      </div>
    </Dialog>
  )
}
