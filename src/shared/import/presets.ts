import type { Crm, ImportKind } from './types'

/**
 * The header dictionaries behind import detection and mapping presets: which header names each CRM (and
 * the usual hand-made or open-data sheets) gives each canonical field, and which names tell what a file
 * holds or who wrote it. Pure data plus the one normalisation every lookup goes through; the logic that
 * uses them lives in `detect.ts`.
 *
 * Header text is never used as a key of a plain object here or there: lookups go through `Map`/`Set`, so
 * a header named `__proto__` or `constructor` is just an unknown header.
 */

/**
 * The form a header is compared in: accents and case folded, a leading BOM and surrounding space
 * dropped, Pipedrive's `Deal - `/`Lead - ` entity prefix and Salesforce's custom-field suffix `__c`
 * removed, then every character that is not a letter or digit dropped. So `StageName`, `Stage Name`,
 * `stage_name` and `Deal - Stage name` meet, as do `Probability (%)` and `Probability`, and
 * `External_Id__c` and `External ID`.
 *
 * Only the exported entity's prefix goes: `Person - Name` and `Organization - Name` keep theirs
 * (`personname`, `organizationname`), because without it they would collide with the deal's own `Name`.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/^[\s\uFEFF]+|\s+$/g, '')
    .replace(/^(?:deal|lead)\s+-\s+/i, '')
    .replace(/__c$/i, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/**
 * The form CRM labels are compared in when punctuation matters (`Probability (%)` is a Salesforce report
 * label, `Probability` is anybody's): composed (NFC), trimmed, lower case, runs of space collapsed.
 */
export function headerLabel(header: string): string {
  return header
    .normalize('NFC')
    .replace(/^[\s\uFEFF]+|\s+$/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

/**
 * A header name a field is known by. The object form carries a note that the mapping screen shows when
 * this name is the one used: an assumption the user should be able to check (ids instead of names, a
 * date that stands in for another).
 */
export type Alias = string | { readonly header: string; readonly note: string }

/** Canonical field name -> the header names it is known by, most preferred first. */
export type FieldAliases = Readonly<Record<string, readonly Alias[]>>

export type Preset = Readonly<Record<ImportKind, FieldAliases>>

const OWNER_IDS = 'holds user ids, not names'

/**
 * Per CRM, the names its exports use. `other` holds the generic names of hand-made sheets and of the
 * public sample files we test with; it is consulted for every file, after the preset of the CRM that
 * wrote it, so a CRM export with a hand-named extra column still maps. Names are written as the source
 * writes them (they are normalised with `headerKey` when loaded), so this table doubles as documentation.
 */
export const PRESETS: Readonly<Record<Crm, Preset>> = {
  salesforce: {
    leads: {
      // `Id` is the record id that Opportunity links and reports use; `External_Id__c` is the key of
      // Data Loader upsert files (the Wave sample), which have no `Id`.
      external_id: ['Id', 'Lead ID', 'External_Id__c'],
      company: ['Company', 'Company / Account'],
      owner: ['Owner.Name', 'Lead Owner', { header: 'OwnerId', note: OWNER_IDS }, { header: 'Owner.External_Id__c', note: OWNER_IDS }],
      lead_source: ['LeadSource'],
      grade: ['Rating'],
      created_at: ['CreatedDate', 'CreatedDate__c'],
      qualified_at: [{ header: 'ConvertedDate', note: 'a converted lead counts as sales-qualified' }],
      opportunity_id: ['ConvertedOpportunityId', 'ConvertedOpportunity.External_Id__c', 'Converted Opportunity ID'],
    },
    opportunities: {
      external_id: ['Id', 'Opportunity ID', 'External_Id__c'],
      name: ['Name', 'Opportunity Name'],
      account: ['Account.Name', 'Account Name', { header: 'AccountId', note: 'holds account ids, not names' }, 'Account.External_Id__c'],
      owner: [
        'Owner.Name',
        'Opportunity Owner',
        { header: 'OwnerId', note: OWNER_IDS },
        { header: 'Owner.External_Id__c', note: OWNER_IDS },
      ],
      stage: ['StageName', 'Stage'],
      amount: ['Amount'],
      currency: ['CurrencyIsoCode', 'Opportunity Currency', 'Amount Currency'],
      probability: ['Probability', 'Probability (%)'],
      created_at: ['CreatedDate', 'Created Date', 'DateTimeCreated__c'],
      close_date: ['CloseDate', 'Close Date'],
      lead_source: ['LeadSource', 'Lead Source'],
      campaign: ['Campaign.Name', 'Primary Campaign Source', { header: 'CampaignId', note: 'holds campaign ids, not names' }],
      product: ['Product__c'],
    },
    // Quota objects (the Wave sample's Quota.csv): one amount per rep per month.
    targets: {
      period: ['StartDate__c'],
      amount: ['QuotaAmount__c'],
      segment: ['OwnerName__c'],
    },
    // The Campaign object: its actual cost is the spend, spread over its start and end dates; deals
    // name it by its id (`CampaignId`). BudgetedCost is a plan, not spend, and is not read.
    spend: {
      campaign: ['Name', 'Campaign Name'],
      campaign_id: ['Id', 'Campaign ID'],
      channel: ['Type', 'Campaign Type'],
      start_date: ['StartDate', 'Start Date'],
      end_date: ['EndDate', 'End Date'],
      amount: ['ActualCost', 'Actual Cost'],
      currency: ['CurrencyIsoCode'],
    },
  },
  hubspot: {
    leads: {
      external_id: ['Record ID', 'Contact ID'],
      company: ['Company Name', 'Associated Company'],
      owner: ['Contact owner', 'HubSpot Owner'],
      lead_source: ['Original Source', 'Original Traffic Source'],
      grade: ['HubSpot Score'],
      created_at: ['Create Date'],
      handed_off_at: ['Became a Marketing Qualified Lead Date'],
      accepted_at: ['Became a Sales Accepted Lead Date'],
      qualified_at: ['Became a Sales Qualified Lead Date'],
    },
    opportunities: {
      external_id: ['Record ID', 'Deal ID'],
      name: ['Deal Name'],
      account: ['Associated Company', 'Company Name'],
      owner: ['Deal owner', 'HubSpot Owner'],
      stage: ['Deal Stage'],
      amount: ['Amount', 'Amount in company currency'],
      currency: ['Currency'],
      probability: ['Deal probability'],
      created_at: ['Create Date'],
      close_date: ['Close Date'],
      lead_source: ['Original Traffic Source', 'Original Source'],
    },
    targets: {},
    spend: {},
  },
  // Pipedrive prefixes every column with the entity (`Deal - Title`); `headerKey` drops the exported
  // entity's prefix, so these names match with and without it.
  pipedrive: {
    leads: {
      external_id: ['ID'],
      name: ['Person - Name', 'Contact person'],
      company: ['Organization', 'Organization - Name'],
      email: ['Person - Email'],
      owner: ['Owner'],
      lead_source: ['Source', 'Channel', 'Source channel', 'Source origin'],
      created_at: ['Lead created'],
    },
    opportunities: {
      external_id: ['ID'],
      name: ['Title'],
      account: ['Organization', 'Organization - Name'],
      owner: ['Owner'],
      stage: [{ header: 'Status', note: 'won/lost/open; Pipedrive keeps the last pipeline step in Stage even for won deals' }, 'Stage'],
      amount: ['Value'],
      currency: ['Currency'],
      probability: ['Probability'],
      created_at: ['Deal created'],
      close_date: [{ header: 'Expected close date', note: 'the expected date; a won deal keeps the one it had' }, 'Deal closed on'],
      lead_source: ['Source', 'Channel', 'Source channel', 'Source origin'],
      product: ['Product name'],
    },
    targets: {},
    spend: {},
  },
  other: {
    leads: {
      external_id: ['Lead ID', 'mql_id', 'Contact ID', 'Record ID', 'External ID', 'ID', 'Row ID', 'Key', 'index'],
      name: ['Name', 'Full Name', 'Lead Name', 'Contact Name', { header: 'Last Name', note: 'the file has no full-name column' }],
      company: ['Company', 'Company Name', 'Account Name', 'Account', 'Organization', 'Organisation'],
      email: ['Email', 'Email Address', 'E-mail', 'Work Email'],
      lead_source: ['Lead Source', 'Source', 'Channel', 'Lead Channel', 'Original Source', 'origin', 'UTM Source'],
      campaign: [
        'Campaign',
        'Campaign Name',
        'Primary Campaign',
        'UTM Campaign',
        { header: 'landing_page_id', note: 'the landing page stands for the campaign' },
      ],
      grade: ['Grade', 'Lead Grade', 'Rating', 'Lead Rating', 'Lead Score', 'Score'],
      owner: ['Owner', 'Lead Owner', 'Owner Name', 'Sales Rep', 'Rep', 'Sales Agent', 'Assigned To'],
      segment: ['Segment', 'Market Segment', 'Region', 'Territory', 'Sales Region'],
      // Olist's MQL file dates each lead by its first contact: that is when it was created and handed over.
      created_at: ['Created Date', 'Created', 'Created At', 'Create Date', 'Date Created', 'Creation Date', 'first_contact_date'],
      handed_off_at: [
        'Handed Off',
        'Handed Off At',
        'Handoff Date',
        'Hand-off Date',
        'MQL Date',
        'Became MQL',
        'Marketing Qualified Date',
        'first_contact_date',
      ],
      accepted_at: ['Accepted', 'Accepted At', 'Accepted Date', 'Date Accepted', 'Sales Accepted Date', 'SAL Date'],
      first_touch_at: [
        'First Touch',
        'First Touch At',
        'First Touch Date',
        'First Response',
        'First Response Date',
        'First Activity Date',
        'First Outreach Date',
        'First Call Date',
      ],
      rejected_at: ['Rejected', 'Rejected At', 'Rejected Date', 'Date Rejected', 'Disqualified Date', 'Unqualified Date'],
      rejection_reason: [
        'Rejection Reason',
        'Reject Reason',
        'Rejected Reason',
        'Disqualification Reason',
        'Disqualified Reason',
        'Unqualified Reason',
        'Lost Reason',
      ],
      recycled_at: ['Recycled', 'Recycled At', 'Recycled Date', 'Date Recycled', 'Returned to Nurture', 'Nurture Date'],
      qualified_at: ['Qualified', 'Qualified At', 'Qualified Date', 'SQL Date', 'Became SQL'],
      opportunity_id: ['Opportunity ID', 'Converted Opportunity ID', 'Deal ID'],
    },
    opportunities: {
      // Specific names before generic ones: `Row ID` and `index` are the fallback keys of sheets whose
      // own id repeats (Sales Pipeline.xlsx). `seller_id` is Olist's closed deal (one seller signed up).
      external_id: ['Opportunity ID', 'Opp ID', 'Deal ID', 'Record ID', 'External ID', 'ID', 'seller_id', 'Row ID', 'Key', 'index'],
      name: ['Opportunity Name', 'Deal Name', 'Name', 'Opportunity', 'Deal', 'Title', 'Deal Title'],
      account: ['Account', 'Account Name', 'Company', 'Company Name', 'Customer', 'Client', 'Organization', 'Organisation'],
      owner: [
        'Owner',
        'Opportunity Owner',
        'Deal Owner',
        'Owner Name',
        'Sales Rep',
        'Sales Agent',
        'Rep',
        'Salesperson',
        'Account Executive',
        'Assigned To',
        'sr_id',
      ],
      stage: ['Stage', 'Stage Name', 'Deal Stage', 'Opportunity Stage', 'Sales Stage', 'Pipeline Stage'],
      amount: [
        'Amount',
        'Opportunity Amount',
        'Deal Amount',
        'Deal Value',
        'Value',
        'Sales Amount',
        'Close Value',
        'Revenue',
        'Deal Size',
        'Contract Value',
        { header: 'declared_monthly_revenue', note: "the seller's declared monthly revenue" },
      ],
      currency: ['Currency', 'Currency Code', 'Amount Currency'],
      probability: ['Probability', 'Win Probability', 'Deal Probability'],
      created_at: ['Created Date', 'Created', 'Created At', 'Create Date', 'Date Created', 'Creation Date', 'Open Date', 'engage_date'],
      close_date: ['Close Date', 'Closed Date', 'Closing Date', 'Expected Close Date', 'Date Closed', 'Closed'],
      lead_source: ['Lead Source', 'Source', 'Channel', 'Opportunity Source', 'Deal Source', 'Origin'],
      campaign: ['Campaign', 'Campaign Name', 'Primary Campaign'],
      lead_id: ['Lead ID', 'mql_id', 'Source Lead ID'],
      product: ['Product', 'Product Name', 'Product Line', { header: 'business_segment', note: "the seller's business segment" }],
      region: ['Region', 'Territory', 'Sales Region', 'Regional Office'],
    },
    targets: {
      period: ['Period', 'Month', 'Quarter', 'Fiscal Year', 'Target Period', 'Start Date', 'Date'],
      amount: ['Target', 'Target Amount', 'Revenue Target', 'Quota', 'Quota Amount', 'Goal', 'Budget', 'Amount'],
      team: ['Team'],
      segment: ['Segment', 'Region', 'Territory', 'Owner', 'Owner Name', 'Rep', 'Sales Rep', 'Category', 'Product Line'],
    },
    spend: {
      campaign: ['Campaign', 'Campaign Name'],
      channel: ['Channel', 'Campaign Type', 'Type'],
      period: ['Month', 'Period', 'Week', 'Date'],
      start_date: ['Start Date', 'From'],
      end_date: ['End Date', 'To'],
      amount: ['Spend', 'Cost', 'Actual Cost', 'Amount Spent', 'Ad Spend', 'Media Spend', 'Spend Amount', 'Amount'],
      currency: ['Currency', 'Currency Code'],
    },
  },
}

/**
 * Columns that date a won deal. A file of deals with such a column and no stage column is a list of won
 * deals (Olist's closed deals): each row gets the stage "Won" and the won date as its close date.
 */
export const WON_DATE_HEADERS: readonly string[] = ['Won Date', 'Date Won', 'Closed Won Date', 'Won On', 'Won Time']

/**
 * Headers that say what a file holds without being a field of it (or by being a field only that kind
 * has). Each present one weighs in favour of its kind; see `detectImport`.
 */
export const KIND_TELLS: Readonly<Record<ImportKind, readonly string[]>> = {
  leads: [
    'IsConverted',
    'ConvertedOpportunityId',
    'ConvertedOpportunity.External_Id__c',
    'ConvertedDate',
    'Lead ID',
    'Lead Status',
    'Lead Owner',
    'Lifecycle Stage',
    'Contact owner',
    'Became a Marketing Qualified Lead Date',
    'Became a Sales Qualified Lead Date',
    'HubSpot Score',
    'mql_id',
    'first_contact_date',
    'Lead created',
  ],
  opportunities: [
    'StageName',
    'IsWon',
    'IsClosed',
    'ForecastCategory',
    'ForecastCategoryName',
    'Opportunity ID',
    'Opportunity Name',
    'Opportunity Owner',
    'Deal Stage',
    'Deal Name',
    'Deal owner',
    'Deal probability',
    'Is Closed Won',
    'Close Date',
    'Expected close date',
    'Won Date',
    'Won Time',
    'Close Value',
    'Deal created',
  ],
  targets: ['Quota', 'Quota Amount', 'Target', 'Target Amount', 'Revenue Target', 'Budget', 'Goal'],
  spend: ['Spend', 'Cost', 'Actual Cost', 'Amount Spent', 'Ad Spend', 'Media Spend', 'Impressions', 'Clicks'],
}

/**
 * Standard Salesforce API field names that only Salesforce writes (compared case-sensitively, as the
 * API spells them). Words anybody uses as a header (`Id`, `Name`, `Amount`, `Status`) are left out.
 */
export const SALESFORCE_API_NAMES: readonly string[] = [
  // The most recognisable first: reasons name the first few found.
  'StageName',
  'CloseDate',
  'IsWon',
  'IsClosed',
  'IsConverted',
  'ConvertedOpportunityId',
  'LeadSource',
  'OwnerId',
  'AccountId',
  'CreatedDate',
  'ForecastCategory',
  'ForecastCategoryName',
  'ConvertedDate',
  'ConvertedAccountId',
  'ConvertedContactId',
  'CampaignId',
  'IsDeleted',
  'MasterRecordId',
  'IsUnreadByOwner',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'LastActivityDate',
  'SystemModstamp',
  'HasOpportunityLineItem',
  'Pricebook2Id',
  'ExpectedRevenue',
  'NextStep',
  'FiscalQuarter',
  'FiscalYear',
  'CurrencyIsoCode',
  'RecordTypeId',
  'NumberOfEmployees',
  'AnnualRevenue',
]

/** Column labels of Salesforce report exports (compared with `headerLabel`) that other tools do not use. */
export const SALESFORCE_REPORT_LABELS: readonly string[] = [
  'Opportunity Owner',
  'Lead Owner',
  'Account Owner',
  'Probability (%)',
  'Fiscal Period',
  'Stage Duration',
  'Opportunity Record Type',
  'Lead Record Type',
  'Primary Campaign Source',
  'Company / Account',
  'Last Stage Change Date',
  'Created By',
  'Last Modified By',
  'Next Step',
  'Opportunity Currency',
  'Amount Currency',
]

/**
 * Salesforce record-id prefixes (the object's key prefix) and the kind of import an id column of that
 * object means: Opportunity 006, Lead 00Q, Contact 003, Campaign 701.
 */
export const SALESFORCE_ID_PREFIXES: ReadonlyMap<string, ImportKind> = new Map<string, ImportKind>([
  ['006', 'opportunities'],
  ['00Q', 'leads'],
  ['003', 'leads'],
  ['701', 'spend'],
])

/** HubSpot's own column labels (compared with `headerLabel`). `Record ID` is counted apart. */
export const HUBSPOT_LABELS: readonly string[] = [
  'Deal owner',
  'Contact owner',
  'Company owner',
  'HubSpot Owner',
  'Lifecycle Stage',
  'Original Source',
  'Original Source Type',
  'Original Traffic Source',
  'HubSpot Score',
  'Became a Lead Date',
  'Became a Marketing Qualified Lead Date',
  'Became a Sales Qualified Lead Date',
  'Became an Opportunity Date',
  'Became a Customer Date',
  'Create Date',
  'Deal probability',
  'Is Closed Won',
  'Weighted amount',
  'Forecast category',
  'Deal Type',
  'Pipeline',
  'Associated Company',
  'Associated Contact',
]

/** Pipedrive column labels written without the entity prefix (compared with `headerLabel`). */
export const PIPEDRIVE_LABELS: readonly string[] = [
  'Expected close date',
  'Won time',
  'Lost time',
  'Deal created',
  'Lead created',
  'Lost reason',
  'Weighted value',
  'Currency of Weighted value',
  'Next activity date',
  'Update time',
  'Deal closed on',
  'Last stage change',
  'Visible to',
  'Done activities',
  'Activities to do',
  'Total activities',
  'Contact person',
]

/** Pipedrive's entity prefix (`Deal - Title`, `Person - Email`, `Organization - Name`). */
export const PIPEDRIVE_PREFIX = /^(deal|lead|person|organi[sz]ation|product|activity) - /i
