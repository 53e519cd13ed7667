import type { Database } from 'better-sqlite3'
import { refreshAllDealLinks } from '../../src/main/db/repos/deal-links'
import { refreshAllOppLinks } from '../../src/main/db/repos/worked'

/**
 * Generates a realistic lead history directly in SQL (a million leads in seconds, no files): hand-offs
 * spread evenly over `days` days before `end`, about 3 % never worked (a third of those recycled), the
 * rest touched after a skewed delay of 0 to ~200 hours, 70 % accepted, 10 % rejected with a reason,
 * 30 % qualified, and a third of those with an opportunity (a third of them won). Deterministic: the same
 * arguments give the same rows (multiplicative hashes of the row number stand in for randomness; each
 * field takes different bits, so that owners, grades and reasons do not follow the work status).
 */
export function generateLeads(db: Database, options: { count: number; end: string; days: number }): void {
  const batch = Number(
    db
      .prepare(
        `INSERT INTO import_batches (kind, source_system, file_name, file_path, file_hash, file_size, format, options,
           started_at, committed_at, rows_read, new_count, changed_count, unchanged_count, invalid_count, duplicate_count)
         VALUES ('leads', 'generated', 'generated.csv', '/generated.csv', 'x', 0, 'csv', '{"mapping":{}}', ?, ?, ?, ?, 0, 0, 0, 0)`,
      )
      .run(options.end, options.end, options.count, options.count).lastInsertRowid,
  )
  const endSeconds = Math.floor(Date.parse(options.end) / 1000)
  const spanSeconds = options.days * 86_400
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count),
       r AS (
         SELECT i,
                (i * 2654435761) % 4294967296 AS r1,
                (i * 2246822519 + 7) % 4294967296 AS r2,
                (i * 3266489917 + 13) % 4294967296 AS r3,
                (i * 1597334677 + 29) % 4294967296 AS r4,
                @end - @span + (i * @span) / @count AS h
           FROM n
       ),
       d AS (
         SELECT i, r1, r2, r3, r4, h,
                r1 % 100 < 3 AS never,
                -- Touch delay in seconds: skewed towards minutes, a long tail to ~200 hours.
                ((r2 % 1000) * (r2 % 1000) * 720) / 1000 + (r3 % 600) AS delay
           FROM r
       )
       INSERT INTO leads (source_system, external_id, name, company, email, lead_source, campaign, grade, owner, segment,
                          created_at, handed_off_at, accepted_at, first_touch_at, rejected_at, rejection_reason,
                          recycled_at, qualified_at, opportunity_id, created_batch_id, batch_id)
       SELECT 'generated', 'L' || i, 'Lead ' || i, 'Company ' || (r3 % 20000), 'lead' || i || '@example.com',
              CASE r2 % 8 WHEN 0 THEN 'Webinar' WHEN 1 THEN 'Web' WHEN 2 THEN 'Paid Search' WHEN 3 THEN 'Trade Show'
                          WHEN 4 THEN 'Partner Referral' WHEN 5 THEN 'Outbound' WHEN 6 THEN 'Email Marketing' ELSE NULL END,
              'Campaign ' || (r1 % 50),
              CASE r3 % 5 WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' WHEN 3 THEN 'D' ELSE NULL END,
              'Rep ' || ((r2 / 8) % 40), CASE r2 % 3 WHEN 0 THEN 'SMB' WHEN 1 THEN 'Mid-market' ELSE 'Enterprise' END,
              strftime('%Y-%m-%dT%H:%M:%fZ', h - 3600, 'unixepoch'),
              strftime('%Y-%m-%dT%H:%M:%fZ', h, 'unixepoch'),
              CASE WHEN NOT never AND r1 % 10 < 7 THEN strftime('%Y-%m-%dT%H:%M:%fZ', h + delay + 3600, 'unixepoch') END,
              CASE WHEN NOT never THEN strftime('%Y-%m-%dT%H:%M:%fZ', h + delay, 'unixepoch') END,
              CASE WHEN NOT never AND r1 % 10 = 7 THEN strftime('%Y-%m-%dT%H:%M:%fZ', h + delay + 7200, 'unixepoch') END,
              CASE WHEN NOT never AND r1 % 10 = 7 THEN
                CASE (r3 / 5) % 6 WHEN 0 THEN 'Not a fit' WHEN 1 THEN 'No budget' WHEN 2 THEN 'Duplicate' WHEN 3 THEN 'Bad contact data'
                            WHEN 4 THEN 'Student / job seeker' ELSE 'Timing' END END,
              CASE WHEN never AND r2 % 3 = 0 THEN strftime('%Y-%m-%dT%H:%M:%fZ', h + 86400 * 10, 'unixepoch') END,
              CASE WHEN NOT never AND r1 % 10 < 3 THEN strftime('%Y-%m-%dT%H:%M:%fZ', h + delay + 86400 * 3, 'unixepoch') END,
              CASE WHEN NOT never AND r1 % 10 < 3 AND r4 % 3 = 0 THEN 'O' || i END,
              @batch, @batch
         FROM d`,
    ).run({ count: options.count, end: endSeconds, span: spanSeconds, batch })
    // A third of the qualified leads have an opportunity, created a few days after qualification; a third won.
    db.prepare(
      `INSERT INTO opportunities (source_system, external_id, name, stage, amount_minor, currency, created_at, close_date,
                                  lead_source, lead_id, created_batch_id, batch_id)
       SELECT 'generated', opportunity_id, 'Deal ' || external_id,
              CASE id % 3 WHEN 0 THEN 'Closed Won' WHEN 1 THEN 'Closed Lost' ELSE 'Negotiation' END,
              100000 + (id % 50) * 10000, 'USD', date(qualified_at, '+' || (2 + id % 9) || ' days'), date(qualified_at, '+' || (20 + id % 40) || ' days'),
              lead_source, external_id, @batch, @batch
         FROM leads WHERE batch_id = @batch AND opportunity_id IS NOT NULL`,
    ).run({ batch })
    refreshAllOppLinks(db)
    refreshAllDealLinks(db)
  })()
}
