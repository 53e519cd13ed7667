import type { Database } from 'better-sqlite3'
import { defaultSettings } from '@shared/settings'
import { refreshAllDealLinks } from './repos/deal-links'
import { refreshAllOppCreated, refreshAllOppLinks } from './repos/worked'

/**
 * Numbered schema migrations. Migration N brings a workspace from user_version N-1 to N. They are
 * append-only: a released migration is never edited, a new one is added. All pending migrations run in
 * one transaction (see connection.ts), after a verified backup of any non-empty workspace.
 */
export interface Migration {
  version: number
  name: string
  up(db: Database, nowIso: string): void
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace metadata and settings',
    up(db, nowIso) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE settings (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          doc        TEXT NOT NULL CHECK (json_valid(doc)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `)
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', nowIso)
      db.prepare('INSERT INTO settings (id, doc, updated_at) VALUES (1, ?, ?)').run(JSON.stringify(defaultSettings()), nowIso)
    },
  },
  {
    version: 2,
    name: 'imported data, import batches and undo',
    up(db) {
      db.exec(`
        CREATE TABLE import_batches (
          id              INTEGER PRIMARY KEY,
          kind            TEXT NOT NULL CHECK (kind IN ('leads', 'opportunities', 'targets', 'spend')),
          source_system   TEXT NOT NULL,
          file_name       TEXT NOT NULL,
          file_path       TEXT NOT NULL,
          file_hash       TEXT NOT NULL,
          file_size       INTEGER NOT NULL,
          format          TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
          sheet           TEXT,
          options         TEXT NOT NULL CHECK (json_valid(options)),
          started_at      TEXT NOT NULL,
          committed_at    TEXT NOT NULL,
          rows_read       INTEGER NOT NULL,
          new_count       INTEGER NOT NULL,
          changed_count   INTEGER NOT NULL,
          unchanged_count INTEGER NOT NULL,
          invalid_count   INTEGER NOT NULL,
          duplicate_count INTEGER NOT NULL,
          undone_at       TEXT
        ) STRICT;

        -- Invalid rows and replaced duplicates of a batch, as the user saw them in the preview.
        CREATE TABLE import_problems (
          batch_id INTEGER NOT NULL REFERENCES import_batches (id),
          seq      INTEGER NOT NULL,
          kind     TEXT NOT NULL CHECK (kind IN ('invalid', 'duplicate')),
          row      INTEGER NOT NULL,
          "column" TEXT NOT NULL,
          value    TEXT NOT NULL,
          reason   TEXT NOT NULL,
          PRIMARY KEY (batch_id, seq)
        ) STRICT, WITHOUT ROWID;

        -- The values a batch overwrote, so that undoing it restores them exactly.
        CREATE TABLE import_changes (
          batch_id INTEGER NOT NULL REFERENCES import_batches (id),
          entity   TEXT NOT NULL,
          row_id   INTEGER NOT NULL,
          prior    TEXT NOT NULL CHECK (json_valid(prior)),
          PRIMARY KEY (batch_id, entity, row_id)
        ) STRICT, WITHOUT ROWID;

        -- The mapping last used for a file layout (its header row), offered again for the next such file.
        CREATE TABLE saved_mappings (
          signature TEXT PRIMARY KEY,
          kind      TEXT NOT NULL,
          options   TEXT NOT NULL CHECK (json_valid(options)),
          used_at   TEXT NOT NULL
        ) STRICT;

        -- Every imported row keeps the batch that created it and the batch that last set its values.
        CREATE TABLE leads (
          id               INTEGER PRIMARY KEY,
          source_system    TEXT NOT NULL,
          external_id      TEXT NOT NULL,
          name             TEXT,
          company          TEXT,
          email            TEXT,
          lead_source      TEXT,
          campaign         TEXT,
          grade            TEXT,
          owner            TEXT,
          segment          TEXT,
          created_at       TEXT,
          handed_off_at    TEXT,
          accepted_at      TEXT,
          first_touch_at   TEXT,
          rejected_at      TEXT,
          rejection_reason TEXT,
          recycled_at      TEXT,
          qualified_at     TEXT,
          opportunity_id   TEXT,
          created_batch_id INTEGER NOT NULL REFERENCES import_batches (id),
          batch_id         INTEGER NOT NULL REFERENCES import_batches (id),
          UNIQUE (source_system, external_id)
        ) STRICT;

        CREATE TABLE opportunities (
          id               INTEGER PRIMARY KEY,
          source_system    TEXT NOT NULL,
          external_id      TEXT NOT NULL,
          name             TEXT,
          account          TEXT,
          owner            TEXT,
          stage            TEXT,
          amount_minor     INTEGER,
          currency         TEXT,
          probability      REAL,
          created_at       TEXT,
          close_date       TEXT,
          lead_source      TEXT,
          campaign         TEXT,
          lead_id          TEXT,
          product          TEXT,
          region           TEXT,
          created_batch_id INTEGER NOT NULL REFERENCES import_batches (id),
          batch_id         INTEGER NOT NULL REFERENCES import_batches (id),
          UNIQUE (source_system, external_id)
        ) STRICT;

        -- external_id of a target is its key within the source: period|team|segment.
        CREATE TABLE targets (
          id               INTEGER PRIMARY KEY,
          source_system    TEXT NOT NULL,
          external_id      TEXT NOT NULL,
          period           TEXT,
          team             TEXT,
          segment          TEXT,
          amount_minor     INTEGER,
          currency         TEXT,
          created_batch_id INTEGER NOT NULL REFERENCES import_batches (id),
          batch_id         INTEGER NOT NULL REFERENCES import_batches (id),
          UNIQUE (source_system, external_id)
        ) STRICT;

        -- external_id of a spend row is campaign|period.
        CREATE TABLE campaign_spend (
          id               INTEGER PRIMARY KEY,
          source_system    TEXT NOT NULL,
          external_id      TEXT NOT NULL,
          campaign         TEXT,
          period           TEXT,
          amount_minor     INTEGER,
          currency         TEXT,
          created_batch_id INTEGER NOT NULL REFERENCES import_batches (id),
          batch_id         INTEGER NOT NULL REFERENCES import_batches (id),
          UNIQUE (source_system, external_id)
        ) STRICT;
      `)
    },
  },
  {
    version: 3,
    name: 'settings history and the indexes of the target and handoff reports',
    up(db) {
      db.exec(`
        -- Every saved settings document, so that what a grade or a stage meant at a time stays known.
        CREATE TABLE settings_history (
          id       INTEGER PRIMARY KEY,
          saved_at TEXT NOT NULL,
          doc      TEXT NOT NULL CHECK (json_valid(doc))
        ) STRICT;
        INSERT INTO settings_history (saved_at, doc) SELECT updated_at, doc FROM settings;

        -- Targets: closed-won and pipeline by period are aggregated from these columns alone.
        CREATE INDEX opportunities_by_close ON opportunities (close_date, stage, currency, amount_minor, probability, lead_source);
        -- Handoff: leads by hand-off time.
        CREATE INDEX leads_by_handoff ON leads (handed_off_at);
      `)
    },
  },
  {
    version: 4,
    name: 'handoff: backlog and funnel indexes, MQL targets, action items and meetings',
    up(db) {
      db.exec(`
        -- The backlog at T is every lead not worked by T: its worked time (the earliest of first touch,
        -- accepted, rejected; '~' sorts after every timestamp and stands for "never") is after T. Keyed
        -- on that expression, the backlog is one range scan whose rows carry everything the backlog
        -- report groups by. The expression is repeated verbatim in repos/leads.ts (WORKED_AT).
        CREATE INDEX leads_unworked ON leads (
          min(coalesce(first_touch_at, '~'), coalesce(accepted_at, '~'), coalesce(rejected_at, '~')),
          handed_off_at, recycled_at, grade, owner, lead_source
        );
        -- Rejection reasons and recycled leads over time: few rows, so partial indexes.
        CREATE INDEX leads_by_rejection ON leads (rejected_at, rejection_reason) WHERE rejected_at IS NOT NULL;
        CREATE INDEX leads_by_recycling ON leads (recycled_at) WHERE recycled_at IS NOT NULL;
        -- The funnel and a lead's timeline link leads and opportunities both ways, by external id alone
        -- (the unique keys start with source_system). Driven from the opportunities, the links cost a
        -- probe per opportunity instead of a scan of every lead.
        CREATE INDEX opportunities_by_lead ON opportunities (lead_id) WHERE lead_id IS NOT NULL;
        CREATE INDEX opportunities_by_external_id ON opportunities (external_id);
        CREATE INDEX leads_by_external_id ON leads (external_id);
        CREATE INDEX leads_by_opportunity ON leads (opportunity_id) WHERE opportunity_id IS NOT NULL;

        -- Marketing's promise: MQLs to hand off per calendar month (of the workspace time zone).
        CREATE TABLE mql_targets (
          month      TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          mqls       INTEGER NOT NULL CHECK (mqls > 0),
          updated_at TEXT NOT NULL
        ) STRICT;

        -- The joint meetings. Only what action items need to belong to one; the meeting board adds the rest.
        CREATE TABLE meetings (
          id         INTEGER PRIMARY KEY,
          held_on    TEXT NOT NULL,
          title      TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) STRICT;

        -- Commitments made (or to be raised) in a meeting. meeting_id NULL: waiting for the next meeting.
        -- link_*: what caused the item (a lead's row id, an owner, a rejection reason), with a label that
        -- stays readable after the lead is gone (an undone import).
        CREATE TABLE action_items (
          id         INTEGER PRIMARY KEY,
          title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
          notes      TEXT NOT NULL DEFAULT '',
          owner      TEXT NOT NULL DEFAULT '',
          team       TEXT NOT NULL CHECK (team IN ('sales', 'marketing', 'joint')),
          due_date   TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
          status     TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'blocked', 'done')),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          link_kind  TEXT CHECK (link_kind IN ('lead', 'owner', 'reason')),
          link_id    TEXT,
          link_label TEXT,
          meeting_id INTEGER REFERENCES meetings (id),
          CHECK ((link_kind IS NULL) = (link_id IS NULL) AND (link_kind IS NULL) = (link_label IS NULL))
        ) STRICT;
        CREATE INDEX action_items_by_meeting ON action_items (meeting_id, status);
      `)
    },
  },
  {
    version: 5,
    name: 'targets: covering indexes for linked lead sources and the lead cohort',
    up(db) {
      db.exec(`
        -- The Targets report groups the period's deals by (day, stage, currency, lead source), an index
        -- prefix, so the lead sources are split without a sort or a second pass; it reads the lead of
        -- each deal without a source (by source system and lead id) and, for the gap plan, whether each
        -- lead handed off in the trailing year qualified or converted. All of it from these indexes.
        DROP INDEX opportunities_by_close;
        CREATE INDEX opportunities_by_close ON opportunities (close_date, stage, currency, lead_source, amount_minor, probability, source_system, lead_id);
        CREATE INDEX leads_source_by_key ON leads (source_system, external_id, lead_source);
        DROP INDEX leads_by_handoff;
        CREATE INDEX leads_by_handoff ON leads (handed_off_at, qualified_at, opportunity_id);
      `)
    },
  },
  {
    version: 6,
    name: 'targets: a partial index for the deals that take their lead source from a linked lead',
    up(db) {
      db.exec(`
        -- The deals without a lead source of their own but with a linked lead are a small part of a
        -- period; their own partial index lets the report read only them (instead of walking every deal
        -- of the period), and opportunities_by_close no longer carries their join keys, so its walks,
        -- which every report makes, are shorter.
        DROP INDEX opportunities_by_close;
        CREATE INDEX opportunities_by_close ON opportunities (close_date, stage, currency, lead_source, amount_minor, probability);
        CREATE INDEX opportunities_by_linked_close ON opportunities (close_date, stage, currency, amount_minor, source_system, lead_id, lead_source)
          WHERE lead_source IS NULL AND lead_id IS NOT NULL;
      `)
    },
  },
  {
    version: 7,
    name: 'meeting board: meetings with snapshots, items with carry-over, links and their baseline',
    up(db) {
      db.exec(`
        -- A meeting is planned (started_at NULL), in progress (started_at set, ended_at NULL) or ended.
        -- scheduled_at is the local date-time in the workspace zone (YYYY-MM-DDTHH:MM). snapshot is the
        -- frozen JSON of what the meeting saw when it started; it is written once and never recomputed.
        ALTER TABLE meetings ADD COLUMN scheduled_at TEXT;
        UPDATE meetings SET scheduled_at = held_on || 'T09:00';
        ALTER TABLE meetings ADD COLUMN attendees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees));
        ALTER TABLE meetings ADD COLUMN agenda TEXT NOT NULL DEFAULT '';
        ALTER TABLE meetings ADD COLUMN notes TEXT NOT NULL DEFAULT '';
        ALTER TABLE meetings ADD COLUMN decisions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(decisions));
        ALTER TABLE meetings ADD COLUMN started_at TEXT;
        ALTER TABLE meetings ADD COLUMN ended_at TEXT;
        ALTER TABLE meetings ADD COLUMN snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot));
        -- At most one meeting is not ended: the next (or current) one.
        CREATE UNIQUE INDEX meetings_one_open ON meetings ((ended_at IS NULL)) WHERE ended_at IS NULL;

        -- The link kinds grow (opportunity, metric), which a CHECK cannot be altered for: the table is
        -- rebuilt with every existing item kept as it was.
        CREATE TABLE action_items_v7 (
          id           INTEGER PRIMARY KEY,
          title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
          notes        TEXT NOT NULL DEFAULT '',
          owner        TEXT NOT NULL DEFAULT '',
          team         TEXT NOT NULL CHECK (team IN ('sales', 'marketing', 'joint')),
          due_date     TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
          status       TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'blocked', 'done')),
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          link_kind    TEXT CHECK (link_kind IN ('lead', 'owner', 'reason', 'opportunity', 'metric')),
          link_id      TEXT,
          link_label   TEXT,
          -- The linked number when the item was made (JSON), to show beside the number now.
          link_then    TEXT CHECK (link_then IS NULL OR json_valid(link_then)),
          meeting_id   INTEGER REFERENCES meetings (id),
          created_in   INTEGER REFERENCES meetings (id),
          times_carried INTEGER NOT NULL DEFAULT 0 CHECK (times_carried >= 0),
          done_at      TEXT,
          position     REAL NOT NULL DEFAULT 0,
          CHECK ((link_kind IS NULL) = (link_id IS NULL) AND (link_kind IS NULL) = (link_label IS NULL)),
          CHECK ((status = 'done') = (done_at IS NOT NULL))
        ) STRICT;
        INSERT INTO action_items_v7 (id, title, notes, owner, team, due_date, status, created_at, updated_at,
                                     link_kind, link_id, link_label, meeting_id, created_in, done_at, position)
          SELECT id, title, notes, owner, team, due_date, status, created_at, updated_at,
                 link_kind, link_id, link_label, meeting_id, meeting_id,
                 CASE status WHEN 'done' THEN updated_at END, id
            FROM action_items;
        DROP TABLE action_items;
        ALTER TABLE action_items_v7 RENAME TO action_items;
        CREATE INDEX action_items_by_meeting ON action_items (meeting_id, status);

        -- Each meeting an item was carried through, with its due date then: its slip history.
        CREATE TABLE action_carries (
          item_id    INTEGER NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
          meeting_id INTEGER NOT NULL REFERENCES meetings (id),
          due_date   TEXT,
          slipped    INTEGER NOT NULL CHECK (slipped IN (0, 1)),
          PRIMARY KEY (item_id, meeting_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX action_carries_by_meeting ON action_carries (meeting_id);
      `)
    },
  },
  {
    version: 8,
    name: 'marketing ROI: campaign records with ids, channels and date ranges; campaign indexes',
    up(db) {
      db.exec(`
        -- A spend row is a campaign's spend over a period (a sheet) or over its start and end dates (a
        -- CRM campaign record, keyed by its id, which deals may name instead of its name).
        ALTER TABLE campaign_spend ADD COLUMN campaign_id TEXT;
        ALTER TABLE campaign_spend ADD COLUMN channel TEXT;
        ALTER TABLE campaign_spend ADD COLUMN start_date TEXT;
        ALTER TABLE campaign_spend ADD COLUMN end_date TEXT;
        -- Marketing ROI: MQLs and SQLs of a period by campaign and lead source, each a range of one
        -- index. The hand-off index of the Targets report carries the two columns too, rather than a
        -- second index on the same key.
        DROP INDEX leads_by_handoff;
        CREATE INDEX leads_by_handoff ON leads (handed_off_at, qualified_at, opportunity_id, campaign, lead_source);
        CREATE INDEX leads_roi_qualified ON leads (qualified_at, campaign, lead_source) WHERE qualified_at IS NOT NULL;
        -- Opportunities created in a period, with what decides their campaign and channel.
        -- Whether a campaign of the spend is named by any lead or deal: one probe each.
        CREATE INDEX leads_by_campaign ON leads (campaign COLLATE NOCASE) WHERE campaign IS NOT NULL;
        CREATE INDEX opportunities_by_campaign ON opportunities (campaign COLLATE NOCASE) WHERE campaign IS NOT NULL;
        -- The won deals of a period with what decides their campaign and channel, and the links to
        -- their leads both ways, read from indexes alone (the two lead indexes carry the campaign too).
        CREATE INDEX opportunities_roi_close ON opportunities (close_date, stage, currency, amount_minor, campaign, lead_source, source_system, lead_id, external_id);
        DROP INDEX leads_source_by_key;
        CREATE INDEX leads_source_by_key ON leads (source_system, external_id, lead_source, campaign);
        DROP INDEX leads_by_opportunity;
        CREATE INDEX leads_by_opportunity ON leads (opportunity_id, source_system, campaign, lead_source) WHERE opportunity_id IS NOT NULL;
        CREATE INDEX opportunities_by_created ON opportunities (created_at, stage, currency, amount_minor, campaign, lead_source, source_system, lead_id, external_id);
      `)
    },
  },
  {
    version: 9,
    name: "handoff: the created date of each lead's first opportunity, stored, and a backlog index on the worked time",
    up(db) {
      db.exec(`
        -- A lead is also worked when its opportunity was created (issue #14): the earliest created date of
        -- the opportunities it names or that name it, kept on the lead by imports and undos
        -- (repos/worked.ts), instead of joining every opportunity to its leads in every handoff query.
        ALTER TABLE leads ADD COLUMN opp_created_on TEXT;
      `)
      refreshAllOppCreated(db)
      db.exec(`
        -- The backlog at T: leads whose own worked time (the earliest of first touch, accepted, rejected
        -- and qualified; '~' when none) is after T and whose opportunity was not created by T. One range
        -- scan whose rows carry everything the backlog groups by. The expression is repeated verbatim in
        -- repos/leads.ts (OWN_WORKED_AT). leads_unworked (migration 4, without qualified_at) stays for
        -- the meeting board's queries.
        CREATE INDEX leads_backlog ON leads (
          min(coalesce(first_touch_at, '~'), coalesce(accepted_at, '~'), coalesce(rejected_at, '~'), coalesce(qualified_at, '~')),
          handed_off_at, recycled_at, opp_created_on, grade, owner, lead_source
        );
      `)
    },
  },
  {
    version: 10,
    name: 'meeting board: a deleted action item is kept (with its slip history) until its meeting ends, so the delete can be undone',
    up(db) {
      db.exec(`
        -- Set when the item was deleted; every list and count skips such items. Ending a meeting removes
        -- them for good.
        ALTER TABLE action_items ADD COLUMN deleted_at TEXT;
      `)
    },
  },
  {
    version: 11,
    name: "handoff: the funnel's facts of each lead's opportunities, stored, and the funnel's indexes",
    up(db) {
      db.exec(`
        -- The funnel (issue #19, point 2): whether a lead's opportunity existed by T and when it was won
        -- by T, kept on the lead as dates by imports, undos and settings saves (repos/worked.ts) instead of
        -- joining every opportunity to its leads in every funnel.
        ALTER TABLE leads ADD COLUMN opp_known_on TEXT;
        ALTER TABLE leads ADD COLUMN opp_won_on TEXT;
      `)
      refreshAllOppLinks(db)
      db.exec(`
        -- The funnel's steps of each cohort month and of the whole window: one range each, from a narrow
        -- index (reading accepted_at at the end of the wider leads_by_handoff took about 1.5 times as long).
        -- The days between the steps are in the index too (the funnel's expressions, verbatim in
        -- repos/leads.ts as LEAD_DAYS): read, not computed from the timestamps, they cost a third less.
        CREATE INDEX leads_funnel_by_handoff ON leads (
          handed_off_at, accepted_at, qualified_at, julianday(accepted_at) - julianday(handed_off_at),
          julianday(qualified_at) - julianday(accepted_at), julianday(qualified_at) - julianday(handed_off_at)
        );
        -- The funnel by source: one range per source, without sorting the window's leads by source.
        CREATE INDEX leads_funnel_by_source ON leads (
          lead_source, handed_off_at, accepted_at, qualified_at, julianday(accepted_at) - julianday(handed_off_at),
          julianday(qualified_at) - julianday(accepted_at), julianday(qualified_at) - julianday(handed_off_at)
        );
        -- The leads with an opportunity (about one in ten): the funnel's last two steps from these alone.
        CREATE INDEX leads_funnel_opp ON leads (handed_off_at, lead_source, accepted_at, qualified_at, opp_known_on, opp_created_on, opp_won_on)
          WHERE opp_known_on IS NOT NULL OR opportunity_id IS NOT NULL;
      `)
    },
  },
  {
    version: 12,
    name: "marketing ROI: each deal's linked lead's campaign and source stored on the deal, in the report's indexes",
    up(db) {
      db.exec(`
        -- The campaign and source a deal without its own takes (its linked lead's), and whether a lead
        -- names it as its opportunity, kept by imports and undos (repos/deal-links.ts) instead of probing
        -- the leads for every deal of every report.
        ALTER TABLE opportunities ADD COLUMN linked_campaign TEXT;
        ALTER TABLE opportunities ADD COLUMN linked_source TEXT;
        ALTER TABLE opportunities ADD COLUMN named_by_lead INTEGER NOT NULL DEFAULT 0;
      `)
      refreshAllDealLinks(db)
      db.exec(`
        -- The deals created or won in a period with everything that decides their campaign and channel:
        -- read from the index alone, without a probe of the leads. The created ones by date (a short
        -- window sorts its own), and by calendar year in the order the report groups them (campaign,
        -- source, stage, currency), so a long window adds them up without a sort; the raw columns at the
        -- end make that index cover the query.
        DROP INDEX opportunities_by_created;
        CREATE INDEX opportunities_by_created ON opportunities (
          created_at, stage, currency, amount_minor, campaign, lead_source, linked_campaign, linked_source
        );
        CREATE INDEX opportunities_roi_created ON opportunities (
          substr(created_at, 1, 4), coalesce(campaign, linked_campaign), coalesce(lead_source, linked_source), stage, currency,
          created_at, amount_minor, campaign, linked_campaign, lead_source, linked_source
        );
        -- The leads handed off and qualified likewise, by calendar year in the report's order.
        CREATE INDEX leads_roi_handoff ON leads (substr(handed_off_at, 1, 4), campaign, lead_source, handed_off_at);
        DROP INDEX leads_roi_qualified;
        CREATE INDEX leads_roi_qualified ON leads (substr(qualified_at, 1, 4), campaign, lead_source, qualified_at)
          WHERE qualified_at IS NOT NULL;
        -- The won ones by stage first, so a report reads only the won deals of its window (and finds the
        -- stages closed in it with a probe per stage). Every deal meets the index's condition: it is there
        -- so that only queries that state it use the index (the Targets queries would take it otherwise,
        -- and it does not cover them).
        DROP INDEX opportunities_roi_close;
        CREATE INDEX opportunities_roi_won ON opportunities (
          stage, close_date, currency, amount_minor, campaign, lead_source, linked_campaign, linked_source, named_by_lead,
          source_system, external_id
        ) WHERE named_by_lead >= 0;
      `)
    },
  },
]

export const LATEST_SCHEMA_VERSION = migrations.length
