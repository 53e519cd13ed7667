import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { openXlsx } from '../../../src/main/import/read/xlsx'
import { detectImport, findHeaderRow, headerSignature, proposeMapping, type Detection } from '../../../src/shared/import/detect'
import { fieldsOf } from '../../../src/shared/import/fields'
import { PRESETS, headerKey, type Alias } from '../../../src/shared/import/presets'
import { CRMS, IMPORT_KINDS, type CellValue, type Mapping, type SourceRow } from '../../../src/shared/import/types'
import { dataset, describeDatasets } from '../../helpers/datasets'

/** Rows numbered as a spreadsheet shows them, from `first`. */
const rowsOf = (lines: CellValue[][], first = 1): SourceRow[] => lines.map((cells, i) => ({ row: first + i, cells }))

/** A mapping as field -> header (`=value` for a constant), so expectations read like the mapping screen. */
function shown(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).map(([field, src]) => [field, 'column' in src ? src.header : `=${src.constant}`]))
}

/** A mapping refers to its columns by position: each column must be the header it names. */
function expectConsistent(mapping: Mapping, headers: readonly string[]): void {
  for (const src of Object.values(mapping)) if ('column' in src) expect(headers[src.column]).toBe(src.header)
}

function detect(headers: string[], lines: CellValue[][] = [], options?: Parameters<typeof detectImport>[2]): Detection {
  const d = detectImport(headers, rowsOf(lines, 2), options)
  expectConsistent(d.mapping, headers)
  return d
}

// Header rows of the test exports (SOURCES.md), and of CRM exports we may not copy.
const SF_OPPORTUNITY =
  'Id,IsDeleted,AccountId,Name,Description,StageName,Amount,Probability,CloseDate,Type,NextStep,LeadSource,IsClosed,IsWon,ForecastCategory,ForecastCategoryName,CampaignId,HasOpportunityLineItem,Pricebook2Id,OwnerId,CreatedDate,CreatedById,LastModifiedDate,LastModifiedById,SystemModstamp,LastActivityDate,FiscalQuarter,FiscalYear,Fiscal,LastViewedDate,LastReferencedDate,HasOpenActivity,HasOverdueTask,External_id__c,Product__c'.split(
    ',',
  )
const SF_LEAD =
  'Id,IsDeleted,LastName,FirstName,Salutation,Name,Title,Company,Phone,MobilePhone,Email,Website,LeadSource,Status,Industry,AnnualRevenue,NumberOfEmployees,OwnerId,IsConverted,ConvertedDate,ConvertedAccountId,ConvertedContactId,ConvertedOpportunityId,LastModifiedDate,LastActivityDate,EmailBouncedReason,EmailBouncedDate,NumberofLocations__c'.split(
    ',',
  )
const HUBSPOT_DEALS = [
  'Record ID',
  'Amount',
  'Close Date',
  'Create Date',
  'Deal Name',
  'Deal owner',
  'Deal probability',
  'Deal Stage',
  'Deal Type',
  'Forecast category',
  'Is Closed Won',
  'Original Traffic Source',
  'Pipeline',
  'Weighted amount',
  'Associated Company IDs',
  'Associated Contact IDs',
]
const HUBSPOT_CONTACTS = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Company Name',
  'Lifecycle Stage',
  'Lead Status',
  'Original Source',
  'Contact owner',
  'Create Date',
  'Became a Marketing Qualified Lead Date',
  'Became a Sales Qualified Lead Date',
  'Became an Opportunity Date',
  'HubSpot Score',
]
const PIPEDRIVE_DEALS = [
  'Deal - ID',
  'Deal - Title',
  'Deal - Creator',
  'Deal - Owner',
  'Deal - Value',
  'Deal - Currency',
  'Deal - Weighted value',
  'Deal - Probability',
  'Deal - Organization',
  'Deal - Pipeline',
  'Deal - Contact person',
  'Deal - Stage',
  'Deal - Status',
  'Deal - Deal created',
  'Deal - Update time',
  'Deal - Won time',
  'Deal - Lost time',
  'Deal - Lost reason',
  'Deal - Expected close date',
  'Deal - Source channel',
]
const SALES_PIPELINE_XLSX = [
  'index',
  'Row ID',
  'Opportunity ID',
  'Created Date',
  'Closed Date',
  'Lead Source',
  'Deal Stage',
  'Opportunity Name',
  'Sales Amount',
]
const MONTHS_2022 = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}-01`)

describe('headerKey', () => {
  it('makes API names, report labels, snake_case and Pipedrive columns meet', () => {
    for (const h of ['StageName', 'Stage Name', 'stage_name', '  STAGE  NAME ', 'Deal - Stage name', '\uFEFFStageName'])
      expect(headerKey(h)).toBe('stagename')
    expect(headerKey('External_Id__c')).toBe(headerKey('External ID'))
    expect(headerKey('Probability (%)')).toBe(headerKey('Probability'))
    expect(headerKey('Lead - Lead created')).toBe(headerKey('Lead created'))
    expect(headerKey('Éntrée')).toBe('entree')
  })

  it("keeps the prefix of entities that are not the export's own", () => {
    expect(headerKey('Person - Name')).not.toBe(headerKey('Name'))
    expect(headerKey('Organization - Name')).not.toBe(headerKey('Deal - Title'))
    expect(headerKey('Owner.External_Id__c')).not.toBe(headerKey('External_Id__c'))
  })
})

describe('findHeaderRow', () => {
  it('skips title rows and blank rows above the table', () => {
    const rows = rowsOf([
      ['Opportunity Report'],
      ['Generated 2024-05-01'],
      [],
      ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date'],
      ['006A', 'Big deal', 'Closed Won', 1000, '2024-04-30'],
      ['006B', 'Small deal', 'Prospecting', 10, '2024-06-30'],
    ])
    expect(findHeaderRow(rows)).toEqual({ index: 3, row: 4 })
  })

  it('finds the header of Sales Pipeline.xlsx on row 2, under the SUBTOTAL of row 1', () => {
    const rows = rowsOf([
      [null, null, null, null, null, null, null, null, 2297200.8603],
      SALES_PIPELINE_XLSX,
      [0, 1, 'CA-2016-152156', '2022-11-08', '2022-11-11', 'Referral', 'Closed Won', 'Bush Somerset Collection Bookcase', 261.96],
      [
        1,
        2,
        'CA-2016-152156',
        '2022-11-08',
        '2022-11-11',
        'Referral',
        'Closed Won',
        'Hon Deluxe Fabric Upholstered Stacking Chairs',
        731.94,
      ],
    ])
    expect(findHeaderRow(rows)).toEqual({ index: 1, row: 2 })
  })

  it('recognises a wide target header of month dates with a blank first cell (SuperStore 2022 Budget.xlsx)', () => {
    const rows = rowsOf([
      [null, ...MONTHS_2022],
      ['Furniture', ...MONTHS_2022.map(() => 60000)],
      ['Office Supplies', ...MONTHS_2022.map(() => 50000)],
    ])
    expect(findHeaderRow(rows)).toEqual({ index: 0, row: 1 })
  })

  it('does not take a data row of dates in three different months for a header of months', () => {
    const rows = rowsOf([
      ['Lead', 'Created on', 'MQL on', 'Touched on'],
      ['L1', '2025-01-14', '2025-02-03', '2025-03-09'],
      ['L2', '2025-01-15', '2025-02-04', '2025-03-10'],
    ])
    expect(findHeaderRow(rows)).toEqual({ index: 0, row: 1 })
  })

  it('falls back to the first row of distinct text cells as wide as the rows below it', () => {
    const rows = rowsOf([['Q3 numbers'], [], ['Alpha', 'Beta', 'Gamma'], ['x', 1, 2], ['y', 3, 4]])
    expect(findHeaderRow(rows)).toEqual({ index: 2, row: 3 })
    // A row of numbers is data, not a header, even when it comes first.
    expect(
      findHeaderRow(
        rowsOf([
          ['2024', '1', '2'],
          ['Alpha', 'Beta', 'Gamma'],
          ['x', 1, 2],
        ]),
      ),
    ).toEqual({ index: 1, row: 2 })
  })

  it('reports the row number the reader gave, not the position', () => {
    const rows: SourceRow[] = [
      { row: 3, cells: ['Report'] },
      { row: 7, cells: ['Lead ID', 'Email', 'Lead Source'] },
      { row: 8, cells: ['L1', 'a@example.com', 'Web'] },
    ]
    expect(findHeaderRow(rows)).toEqual({ index: 1, row: 7 })
  })
})

describe('detectImport', () => {
  it('reads a Salesforce opportunity export by its API names and record ids', () => {
    const row = SF_OPPORTUNITY.map((): CellValue => '')
    const line = (id: string, stage: string): CellValue[] => {
      const cells = [...row]
      cells[0] = id
      cells[5] = stage
      return cells
    }
    const d = detect(SF_OPPORTUNITY, [line('006Ec00000AieKFIAZ', 'Qualification'), line('006Ec00000AieKGIAZ', 'Closed Won')])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'salesforce', sourceSystem: 'salesforce', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Id',
      name: 'Name',
      account: 'AccountId',
      owner: 'OwnerId',
      stage: 'StageName',
      amount: 'Amount',
      probability: 'Probability',
      created_at: 'CreatedDate',
      close_date: 'CloseDate',
      lead_source: 'LeadSource',
      campaign: 'CampaignId',
      product: 'Product__c',
    })
    expect(d.reasons).toContain('Salesforce API field names (StageName, CloseDate, IsWon, …)')
    expect(d.reasons).toContain('Salesforce record ids in Id (006…)')
    expect(d.reasons).toContain('Owner: OwnerId (holds user ids, not names)')
  })

  it('reads a Salesforce opportunity report by its labels', () => {
    const headers = [
      'Opportunity Owner',
      'Account Name',
      'Opportunity Name',
      'Stage',
      'Fiscal Period',
      'Amount',
      'Probability (%)',
      'Age',
      'Close Date',
      'Created Date',
      'Next Step',
      'Lead Source',
      'Type',
      'Opportunity ID',
    ]
    const d = detect(headers, [
      [
        'Ann Lee',
        'Acme',
        'Acme renewal',
        'Negotiation',
        'Q3-2025',
        '$12,000.00',
        '60%',
        12,
        '8/31/2025',
        '7/1/2025',
        '',
        'Webinar',
        'Renewal',
        '0065g00000AbCdE',
      ],
    ])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'salesforce', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Opportunity ID',
      name: 'Opportunity Name',
      account: 'Account Name',
      owner: 'Opportunity Owner',
      stage: 'Stage',
      amount: 'Amount',
      probability: 'Probability (%)',
      created_at: 'Created Date',
      close_date: 'Close Date',
      lead_source: 'Lead Source',
    })
  })

  it('reads a Salesforce lead export: ConvertedOpportunityId is the linked opportunity, not the key', () => {
    const d = detect(SF_LEAD, [
      ['00Qbm00000Orxk5EAB', 'FALSE', 'Boxer', 'Bertha'],
      ['00Qbm00000Orxk6EAB', 'FALSE', 'Cotton', 'Phyllis'],
    ])
    expect(d).toMatchObject({ kind: 'leads', crm: 'salesforce' })
    expect(shown(d.mapping)).toMatchObject({
      external_id: 'Id',
      opportunity_id: 'ConvertedOpportunityId',
      name: 'Name',
      company: 'Company',
      owner: 'OwnerId',
    })
    expect(d.reasons).toContain('Salesforce record ids in Id (00Q…)')
    expect(d.reasons).toContain('No hand-off (MQL) date column: map one for the Handoff view')
  })

  it('reads a Salesforce lead report by its labels, with the name from Last Name', () => {
    const headers = [
      'Lead ID',
      'Lead Owner',
      'First Name',
      'Last Name',
      'Company / Account',
      'Lead Source',
      'Lead Status',
      'Rating',
      'Created Date',
      'Email',
    ]
    const d = detect(headers, [
      ['00Q5g00000XyZab', 'Ann Lee', 'Bo', 'Diaz', 'Acme', 'Webinar', 'Working', 'Hot', '7/1/2025', 'bo@example.com'],
    ])
    expect(d).toMatchObject({ kind: 'leads', crm: 'salesforce' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Lead ID',
      name: 'Last Name',
      company: 'Company / Account',
      email: 'Email',
      lead_source: 'Lead Source',
      grade: 'Rating',
      owner: 'Lead Owner',
      created_at: 'Created Date',
    })
    expect(d.reasons).toContain('Name: Last Name (the file has no full-name column)')
  })

  it('reads a HubSpot deals export', () => {
    const d = detect(HUBSPOT_DEALS, [
      ['19876543210', '25000.0', '2025-11-28 16:14', '2025-10-01 09:00', 'Acme renewal', 'Ann Lee', '0.6', 'Contract sent'],
    ])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'hubspot', sourceSystem: 'hubspot', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Record ID',
      name: 'Deal Name',
      owner: 'Deal owner',
      stage: 'Deal Stage',
      amount: 'Amount',
      probability: 'Deal probability',
      created_at: 'Create Date',
      close_date: 'Close Date',
      lead_source: 'Original Traffic Source',
    })
    expect(d.reasons[0]).toBe('HubSpot columns (Record ID, Create Date, Deal owner, …)')
  })

  it('reads a HubSpot contacts export as leads, with the lifecycle dates', () => {
    const d = detect(HUBSPOT_CONTACTS, [
      ['501', 'Bo', 'Diaz', 'bo@example.com', 'Acme', 'marketingqualifiedlead', 'New', 'Organic Search', 'Ann Lee', '2025-07-01 09:00'],
    ])
    expect(d).toMatchObject({ kind: 'leads', crm: 'hubspot' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Record ID',
      name: 'Last Name',
      company: 'Company Name',
      email: 'Email',
      lead_source: 'Original Source',
      grade: 'HubSpot Score',
      owner: 'Contact owner',
      created_at: 'Create Date',
      handed_off_at: 'Became a Marketing Qualified Lead Date',
      qualified_at: 'Became a Sales Qualified Lead Date',
    })
  })

  it("reads a Pipedrive deals export, taking the stage from Status because Pipedrive's Stage never says won", () => {
    const d = detect(PIPEDRIVE_DEALS, [['17', 'Acme deal', 'Ann', 'Ann Lee', '5000', 'EUR']])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'pipedrive', sourceSystem: 'pipedrive' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Deal - ID',
      name: 'Deal - Title',
      account: 'Deal - Organization',
      owner: 'Deal - Owner',
      stage: 'Deal - Status',
      amount: 'Deal - Value',
      currency: 'Deal - Currency',
      probability: 'Deal - Probability',
      created_at: 'Deal - Deal created',
      close_date: 'Deal - Expected close date',
      lead_source: 'Deal - Source channel',
    })
    expect(d.reasons.some((r) => r.startsWith('Stage: Deal - Status (won/lost/open'))).toBe(true)
  })

  it('reads a Pipedrive deals export written without the Deal - prefix by its own labels', () => {
    const headers = [
      'ID',
      'Title',
      'Owner',
      'Value',
      'Currency',
      'Organization',
      'Stage',
      'Status',
      'Deal created',
      'Expected close date',
      'Won time',
      'Lost reason',
    ]
    const d = detect(headers, [['17', 'Acme deal', 'Ann Lee', '5000', 'EUR', 'Acme', 'Proposal made', 'won']])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'pipedrive' })
    expect(shown(d.mapping)).toMatchObject({
      external_id: 'ID',
      name: 'Title',
      stage: 'Status',
      amount: 'Value',
      close_date: 'Expected close date',
    })
  })

  it('reads a Pipedrive leads export: the person is the name, not the lead title', () => {
    const headers = [
      'Lead - ID',
      'Lead - Title',
      'Lead - Owner',
      'Lead - Source',
      'Lead - Lead created',
      'Person - Name',
      'Person - Email',
      'Organization - Name',
    ]
    const d = detect(headers, [['a1b2', 'Acme lead', 'Ann Lee', 'Web forms', '2025-07-01', 'Bo Diaz', 'bo@example.com', 'Acme']])
    expect(d).toMatchObject({ kind: 'leads', crm: 'pipedrive' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Lead - ID',
      name: 'Person - Name',
      company: 'Organization - Name',
      email: 'Person - Email',
      lead_source: 'Lead - Source',
      owner: 'Lead - Owner',
      created_at: 'Lead - Lead created',
    })
  })

  it('takes Row ID as the key of Sales Pipeline.xlsx, whose Opportunity ID repeats', () => {
    const d = detect(SALES_PIPELINE_XLSX, [
      [0, 1, 'CA-2016-152156', '2022-11-08', '2022-11-11', 'Referral', 'Closed Won', 'Bush Somerset Collection Bookcase', 261.96],
      [
        1,
        2,
        'CA-2016-152156',
        '2022-11-08',
        '2022-11-11',
        'Referral',
        'Closed Won',
        'Hon Deluxe Fabric Upholstered Stacking Chairs',
        731.94,
      ],
      [2, 3, 'CA-2016-138688', '2022-06-12', '2022-06-16', 'Online Ad', 'Negotiating', 'Self-Adhesive Address Labels', 14.62],
    ])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'other', sourceSystem: 'sheet', confidence: 'medium' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Row ID',
      name: 'Opportunity Name',
      stage: 'Deal Stage',
      amount: 'Sales Amount',
      created_at: 'Created Date',
      close_date: 'Closed Date',
      lead_source: 'Lead Source',
    })
    expect(d.reasons).toContain('Key: Row ID (Opportunity ID repeats)')
  })

  it('keeps the preferred key but says so when no candidate is unique', () => {
    const d = detect(
      ['Opportunity ID', 'Stage', 'Amount', 'Close Date'],
      [
        ['A', 'Won', 1, '2025-01-01'],
        ['A', 'Lost', 2, '2025-01-02'],
      ],
    )
    expect(d.mapping['external_id']).toEqual({ column: 0, header: 'Opportunity ID' })
    expect(d.confidence).toBe('medium')
    expect(d.reasons).toContain('Key: Opportunity ID, but it repeats in the sample: such rows would replace each other')
  })

  it('does not give up a key because of a totals row', () => {
    const d = detect(
      ['Opportunity ID', 'Stage', 'Amount', 'Close Date', 'Row ID'],
      [
        ['A', 'Won', 1, '2025-01-01', 1],
        ['B', 'Lost', 2, '2025-01-02', 2],
        ['C', 'Won', 3, '2025-01-03', 3],
        ['', 'Grand Total', 6, '', ''],
      ],
    )
    expect(d.mapping['external_id']).toEqual({ column: 0, header: 'Opportunity ID' })
    expect(d.confidence).toBe('high')
  })

  it('reads Maven sales_pipeline.csv names as opportunities', () => {
    const headers = 'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value'.split(',')
    const d = detect(headers, [['1C1I7A6R', 'Moses Frase', 'GTX Plus Basic', 'Cancity', 'Won', '2016-10-20', '2017-03-01', '1054']])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'other', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'opportunity_id',
      owner: 'sales_agent',
      product: 'product',
      account: 'account',
      stage: 'deal_stage',
      created_at: 'engage_date',
      close_date: 'close_date',
      amount: 'close_value',
    })
  })

  it('reads Olist closed deals as won opportunities: stage Won, closed on the won date', () => {
    const headers =
      'mql_id,seller_id,sdr_id,sr_id,won_date,business_segment,lead_type,lead_behaviour_profile,has_company,has_gtin,average_stock,business_type,declared_product_catalog_size,declared_monthly_revenue'.split(
        ',',
      )
    const d = detect(headers, [
      [
        '5420aad7fec3549a85876ba1c529bd84',
        '2c43fb513632d29b3b58df74816f1b06',
        'a838',
        '4ef1',
        '2018-02-26 19:58:54',
        'pet',
        'online_medium',
        'cat',
        '',
        '',
        '',
        'reseller',
        '',
        '0.0',
      ],
      [
        'a555fb36b9368110ede0f043dfc3b9a0',
        'bbb7d7893a450660432ea6652310ebb7',
        '0928',
        'd3d1',
        '2018-05-08 20:17:59',
        'car_accessories',
        'industry',
        'eagle',
        '',
        '',
        '',
        'reseller',
        '',
        '0.0',
      ],
    ])
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'other', confidence: 'medium' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'seller_id',
      owner: 'sr_id',
      stage: '=Won',
      amount: 'declared_monthly_revenue',
      close_date: 'won_date',
      lead_id: 'mql_id',
      product: 'business_segment',
    })
    expect(d.reasons).toContain('No stage column but a won date (won_date): every row is a won deal, closed on that date')
  })

  it('reads the Olist MQL file as leads handed off at their first contact', () => {
    const d = detect(
      ['mql_id', 'first_contact_date', 'landing_page_id', 'origin'],
      [['dac32acd4db4c29c230538b72f8dd87d', '2018-02-01', '88740e65d5d6b056e0cda098e1ea6313', 'social']],
    )
    expect(d).toMatchObject({ kind: 'leads', crm: 'other', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'mql_id',
      lead_source: 'origin',
      campaign: 'landing_page_id',
      created_at: 'first_contact_date',
      handed_off_at: 'first_contact_date',
    })
  })

  it('reads a Salesforce Quota file as targets', () => {
    const d = detect(
      ['External_Id__c', 'User.External_Id__c', 'OwnerName__c', 'StartDate__c', 'QuotaAmount__c'],
      [['W_Quota.1', 'W_Sales_User.12', 'Jeffrey Thomas', '2016-01-01', '300000']],
    )
    expect(d).toMatchObject({ kind: 'targets', crm: 'salesforce', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({ period: 'StartDate__c', amount: 'QuotaAmount__c', segment: 'OwnerName__c' })
  })

  it('reads a campaign spend sheet', () => {
    const d = detect(['Campaign', 'Month', 'Spend', 'Currency'], [['Webinar Q3', '2025-07', '1,200.00', 'USD']])
    expect(d).toMatchObject({ kind: 'spend', crm: 'other' })
    expect(shown(d.mapping)).toEqual({ campaign: 'Campaign', period: 'Month', amount: 'Spend', currency: 'Currency' })
  })

  it('reads a wide budget sheet of month dates (SuperStore 2022 Budget.xlsx) as monthly targets per row', () => {
    const d = detect(['', ...MONTHS_2022], [['Furniture', ...MONTHS_2022.map(() => 60000)]])
    expect(d).toMatchObject({ kind: 'targets', crm: 'other', confidence: 'high' })
    expect(d.wide).toEqual({ labelColumn: 0, periodColumns: MONTHS_2022.map((m, i) => ({ column: i + 1, period: m.slice(0, 7) })) })
    expect(d.mapping).toEqual({ segment: { column: 0, header: '' } })
    expect(d.reasons).toContain('Wide target sheet: 12 month columns (2022-01 … 2022-12)')
    expect(d.reasons).toContain('Segment: one target row per column A')
  })

  it('reads a wide sheet of month names, leaving a totals column out', () => {
    const d = detect(['Region', 'Jan 2025', 'Feb-25', 'March 2025', 'Total'], [['East', 100, 110, 120, 330]])
    expect(d.kind).toBe('targets')
    expect(d.wide).toEqual({
      labelColumn: 0,
      periodColumns: [
        { column: 1, period: '2025-01' },
        { column: 2, period: '2025-02' },
        { column: 3, period: '2025-03' },
      ],
    })
    expect(shown(d.mapping)).toEqual({ segment: 'Region' })
  })

  it('reads month-end dates as months', () => {
    const d = detect(['Segment', '2025-01-31', '2025-02-28', '2025-03-31'], [['SMB', 1, 2, 3]])
    expect(d.wide?.periodColumns).toEqual([
      { column: 1, period: '2025-01' },
      { column: 2, period: '2025-02' },
      { column: 3, period: '2025-03' },
    ])
  })

  it('gives month names without a year the year asked for, moving on after December', () => {
    const months = ['Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun']
    const d = detect(['Team', 'Segment', ...months], [['sales', 'SMB', ...months.map(() => 10)]], { year: 2025 })
    expect(d).toMatchObject({ kind: 'targets', confidence: 'medium' })
    expect(d.wide?.labelColumn).toBe(1)
    expect(d.wide?.periodColumns.map((p) => p.period)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ])
    expect(shown(d.mapping)).toEqual({ team: 'Team', segment: 'Segment' })
    expect(d.reasons).toContain('The month columns have no year: read as 2025-07 … 2026-06; check the year')
  })

  it('does not take two dates of a leads file for a wide sheet', () => {
    const d = detect(['Lead ID', 'Email', '2025-01-01', '2025-02-01'], [['L1', 'a@example.com', 'x', 'y']])
    expect(d.kind).toBe('leads')
    expect(d.wide).toBeUndefined()
  })

  it('recognises Salesforce by its record ids even under plain headers, and the object by their prefix', () => {
    const leads = detect(['Id', 'Name', 'Company', 'Status'], [['00Qbm00000Orxk5EAB', 'Bo Diaz', 'Acme', 'New']])
    expect(leads).toMatchObject({ kind: 'leads', crm: 'salesforce' })
    expect(leads.reasons).toContain('Salesforce record ids in Id (00Q…)')
    const plain = detect(['Id', 'Name', 'Company', 'Status'], [['17', 'Bo Diaz', 'Acme', 'New']])
    expect(plain.crm).toBe('other')
  })

  it('uses the preset of a CRM the user chose', () => {
    const headers = ['ID', 'Title', 'Status', 'Stage', 'Value']
    const line = [['1', 'Acme', 'won', 'Proposal made', '100']]
    expect(detect(headers, line)).toMatchObject({ crm: 'other', mapping: { stage: { column: 3, header: 'Stage' } } })
    const chosen = detect(headers, line, { crm: 'pipedrive' })
    expect(chosen).toMatchObject({ crm: 'pipedrive', sourceSystem: 'pipedrive', mapping: { stage: { column: 2, header: 'Status' } } })
    expect(chosen.reasons[0]).toBe('Preset: Pipedrive (chosen)')
  })

  it('says what is missing when nothing fits', () => {
    const d = detect(['Foo', 'Bar'], [['1', '2']])
    expect(d).toMatchObject({ kind: 'leads', confidence: 'low' })
    expect(d.mapping).toEqual({})
    expect(d.reasons.some((r) => r.startsWith('Not found:') && r.endsWith('(required)'))).toBe(true)
  })

  it('treats headers named like Object.prototype members as plain unknown headers', () => {
    const headers = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Id', 'StageName', 'Amount']
    const d = detect(headers, [['x', 'y', 'z', 'w', '1', 'Won', '10']])
    expect(shown(d.mapping)).toEqual({ external_id: 'Id', stage: 'StageName', amount: 'Amount' })
    expect(Object.getPrototypeOf(d.mapping)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['column']).toBeUndefined()
    expect(headerSignature(headers)).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('proposeMapping', () => {
  it('maps a file for the kind the user chose', () => {
    const mapping = proposeMapping('opportunities', SF_LEAD, [], 'salesforce')
    expect(shown(mapping)).toEqual({ external_id: 'Id', name: 'Name', account: 'Company', owner: 'OwnerId', lead_source: 'LeadSource' })
  })

  it('gives the same mapping as detection for the detected kind', () => {
    const rows = rowsOf([['1C1I7A6R', 'Moses Frase', 'GTX Plus Basic', 'Cancity', 'Won', '2016-10-20', '2017-03-01', '1054']], 2)
    const headers = 'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value'.split(',')
    expect(proposeMapping('opportunities', headers, rows, 'other')).toEqual(detectImport(headers, rows).mapping)
  })

  it("follows the chosen CRM's preset", () => {
    const headers = ['ID', 'Title', 'Status', 'Stage', 'Value']
    expect(proposeMapping('opportunities', headers, [], 'pipedrive')['stage']).toEqual({ column: 2, header: 'Status' })
    expect(proposeMapping('opportunities', headers, [], 'other')['stage']).toEqual({ column: 3, header: 'Stage' })
  })

  it('maps the label column of a wide target sheet', () => {
    expect(proposeMapping('targets', ['', ...MONTHS_2022], rowsOf([['Furniture', ...MONTHS_2022.map(() => 1)]], 2), 'other')).toEqual({
      segment: { column: 0, header: '' },
    })
  })
})

describe('headerSignature', () => {
  it('is FNV-1a 64 of the normalised headers joined with U+0001', () => {
    // Published FNV-1a 64-bit test vectors: "" and "a".
    expect(headerSignature([])).toBe('cbf29ce484222325')
    expect(headerSignature(['a'])).toBe('af63dc4c8601ec8c')
  })

  it('ignores case, spacing and blank trailing columns, not order or content', () => {
    const base = headerSignature(['Opportunity ID', 'Stage', 'Amount'])
    expect(headerSignature([' opportunity  id', 'STAGE ', 'Amount', '', ''])).toBe(base)
    expect(headerSignature(['Stage', 'Opportunity ID', 'Amount'])).not.toBe(base)
    expect(headerSignature(['Opportunity ID', 'Stage', 'Amount', 'Currency'])).not.toBe(base)
    expect(headerSignature(['ab'])).not.toBe(headerSignature(['a', 'b']))
  })
})

describe('presets', () => {
  const aliasHeader = (a: Alias): string => (typeof a === 'string' ? a : a.header)

  it('name only canonical fields of each kind', () => {
    for (const crm of CRMS) {
      for (const kind of IMPORT_KINDS) {
        const names = fieldsOf(kind).map((d) => d.name)
        for (const field of Object.keys(PRESETS[crm][kind])) expect(names, `${crm} ${kind}`).toContain(field)
      }
    }
  })

  it('never give one header name to two fields of a kind, except where a column feeds both on purpose', () => {
    const shared = new Set(['firstcontactdate'])
    for (const crm of CRMS) {
      for (const kind of IMPORT_KINDS) {
        const fieldsByKey = new Map<string, Set<string>>()
        for (const preset of crm === 'other' ? [PRESETS.other] : [PRESETS[crm], PRESETS.other]) {
          for (const [field, aliases] of Object.entries(preset[kind])) {
            for (const alias of aliases) {
              const key = headerKey(aliasHeader(alias))
              fieldsByKey.set(key, (fieldsByKey.get(key) ?? new Set()).add(field))
            }
          }
        }
        for (const [key, fields] of fieldsByKey) if (!shared.has(key)) expect([...fields], `${crm} ${kind} ${key}`).toHaveLength(1)
      }
    }
  })
})

// The real test exports (SOURCES.md), when this machine has them; never copied into the repository.

/** The first rows of a CSV export, numbered as a spreadsheet would. */
function csvRows(file: string, max = 200): SourceRow[] {
  const text = readFileSync(dataset(file), 'utf8').replace(/^\uFEFF/, '')
  const parsed = Papa.parse<string[]>(text, { preview: max, skipEmptyLines: true })
  return rowsOf(parsed.data)
}

/** The first rows of a sheet of an XLSX export, as the app's reader delivers them. */
async function xlsxRows(file: string, sheet: string, max = 200): Promise<SourceRow[]> {
  const book = await openXlsx(dataset(file))
  const rows: SourceRow[] = []
  try {
    await book.readRows(sheet, (batch) => void rows.push(...batch), { maxRows: max })
  } finally {
    await book.close()
  }
  return rows
}

function detectRows(rows: SourceRow[]): Detection & { headerRow: number; headers: string[] } {
  const header = findHeaderRow(rows)
  const headers = (rows[header.index]?.cells ?? []).map((c) => String(c ?? ''))
  const d = detectImport(headers, rows.slice(header.index + 1))
  expectConsistent(d.mapping, headers)
  return { ...d, headerRow: header.row, headers }
}

const detectFile = (file: string): ReturnType<typeof detectRows> => detectRows(csvRows(file))

describeDatasets('detectImport on the real test exports', () => {
  it('Maven sales_pipeline.csv: opportunities from a hand-made sheet', () => {
    const d = detectFile('maven-crm-sales-opportunities/sales_pipeline.csv')
    expect(d).toMatchObject({ headerRow: 1, kind: 'opportunities', crm: 'other', sourceSystem: 'sheet', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'opportunity_id',
      owner: 'sales_agent',
      product: 'product',
      account: 'account',
      stage: 'deal_stage',
      created_at: 'engage_date',
      close_date: 'close_date',
      amount: 'close_value',
    })
  })

  it('Olist MQLs: leads handed off at first contact', () => {
    const d = detectFile('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv')
    expect(d).toMatchObject({ kind: 'leads', crm: 'other', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'mql_id',
      lead_source: 'origin',
      campaign: 'landing_page_id',
      created_at: 'first_contact_date',
      handed_off_at: 'first_contact_date',
    })
  })

  it('Olist closed deals: won opportunities linked to their MQL', () => {
    const d = detectFile('olist-marketing-funnel/olist_closed_deals_dataset.csv')
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'other' })
    expect(shown(d.mapping)).toMatchObject({
      external_id: 'seller_id',
      stage: '=Won',
      close_date: 'won_date',
      lead_id: 'mql_id',
      owner: 'sr_id',
    })
  })

  it.each([
    ['salesforce-data-cloud-workshop/Opportunity.csv', 'Id'],
    ['salesforce-in-powerbi/Opportunity.csv', 'Id'],
    ['salesforce-wave-sales-sample/Opportunity.csv', 'External_Id__c'],
  ])('%s: Salesforce opportunities keyed by %s', (file, key) => {
    const d = detectFile(file)
    expect(d).toMatchObject({ kind: 'opportunities', crm: 'salesforce', sourceSystem: 'salesforce', confidence: 'high' })
    expect(shown(d.mapping)).toMatchObject({
      external_id: key,
      stage: 'StageName',
      amount: 'Amount',
      close_date: 'CloseDate',
      lead_source: 'LeadSource',
      name: 'Name',
    })
    expect(d.reasons.some((r) => r.startsWith('Salesforce API field names (StageName, CloseDate'))).toBe(true)
  })

  it.each([
    ['salesforce-data-cloud-workshop/Lead.csv', 'Id', 'ConvertedOpportunityId'],
    ['salesforce-in-powerbi/Lead.csv', 'Id', 'ConvertedOpportunityId'],
    ['salesforce-wave-sales-sample/Lead.csv', 'External_Id__c', 'ConvertedOpportunity.External_Id__c'],
  ])('%s: Salesforce leads keyed by %s, converted to %s', (file, key, converted) => {
    const d = detectFile(file)
    expect(d).toMatchObject({ kind: 'leads', crm: 'salesforce' })
    expect(shown(d.mapping)).toMatchObject({ external_id: key, opportunity_id: converted, lead_source: 'LeadSource' })
  })

  it('salesforce-wave-sales-sample/Quota.csv: targets per rep and month', () => {
    const d = detectFile('salesforce-wave-sales-sample/Quota.csv')
    expect(d).toMatchObject({ kind: 'targets', crm: 'salesforce', confidence: 'high' })
    expect(shown(d.mapping)).toEqual({ period: 'StartDate__c', amount: 'QuotaAmount__c', segment: 'OwnerName__c' })
  })

  it('salesforce-data-cloud-workshop/Campaign.csv: campaign spend', () => {
    const d = detectFile('salesforce-data-cloud-workshop/Campaign.csv')
    expect(d).toMatchObject({ kind: 'spend', crm: 'salesforce' })
    // A campaign record: its id (deals name it by CampaignId), its type as the channel, its dates.
    expect(shown(d.mapping)).toEqual({
      campaign: 'Name',
      campaign_id: 'Id',
      channel: 'Type',
      start_date: 'StartDate',
      end_date: 'EndDate',
      amount: 'ActualCost',
    })
    expect(d.reasons.some((r) => r.startsWith('Not found'))).toBe(false)
  })

  it.each(['Sales Pipeline', 'Sales Lead_Stage'])('Sales Pipeline.xlsx, sheet %s: header on row 2, keyed by Row ID', async (sheet) => {
    const d = detectRows(await xlsxRows('sales-pipeline-xlsx/Sales Pipeline.xlsx', sheet))
    expect(d).toMatchObject({ headerRow: 2, kind: 'opportunities', crm: 'other' })
    expect(shown(d.mapping)).toEqual({
      external_id: 'Row ID',
      name: 'Opportunity Name',
      stage: 'Deal Stage',
      amount: 'Sales Amount',
      created_at: 'Created Date',
      close_date: 'Closed Date',
      lead_source: 'Lead Source',
    })
    expect(d.reasons).toContain('Key: Row ID (Opportunity ID repeats)')
  })

  it.each([
    ['SuperStore 2022 Budget.xlsx', '', '2022'],
    ['Sales Targets.xlsx', 'Country', '2014'],
  ])('%s: a wide target sheet, one row per %s', async (file, label, year) => {
    const d = detectRows(await xlsxRows(`packt-tableau-targets-xlsx/${file}`, 'Sheet1'))
    expect(d).toMatchObject({ headerRow: 1, kind: 'targets', confidence: 'high', mapping: { segment: { column: 0, header: label } } })
    expect(d.wide).toEqual({
      labelColumn: 0,
      periodColumns: Array.from({ length: 12 }, (_, i) => ({ column: i + 1, period: `${year}-${String(i + 1).padStart(2, '0')}` })),
    })
  })
})
