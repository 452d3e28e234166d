-- gen-reporting.sql: a realistic volume for `make bench`: 45 jurisdictions
-- x 20 periods, each with an accepted submission of the four datasets
-- (about a million cells). Fictitious numbers, in the bench instance only.
SET @n_juris = 45;

INSERT IGNORE INTO jurisdictions (code, name, kind, created_at)
  SELECT code, label, 'country', UTC_TIMESTAMP() FROM codes
  WHERE list = 'country' AND code NOT LIKE 'X%' AND code <> '_U'
  ORDER BY code LIMIT 45;

INSERT IGNORE INTO periods (code, starts_on, ends_on, opens_on, due_on, locks_on,
                            status, created_at)
  SELECT CONCAT(2015 + (seq DIV 2), '-S', 1 + seq MOD 2),
         MAKEDATE(2015 + (seq DIV 2), 1) + INTERVAL (seq MOD 2) * 6 MONTH,
         MAKEDATE(2015 + (seq DIV 2), 1) + INTERVAL (seq MOD 2) * 6 + 6 MONTH - INTERVAL 1 DAY,
         MAKEDATE(2015 + (seq DIV 2), 1) + INTERVAL (seq MOD 2) * 6 MONTH,
         MAKEDATE(2015 + (seq DIV 2), 1) + INTERVAL (seq MOD 2) * 6 + 8 MONTH,
         MAKEDATE(2015 + (seq DIV 2), 1) + INTERVAL (seq MOD 2) * 6 + 10 MONTH,
         'open', UTC_TIMESTAMP()
  FROM seq_0_to_19;

INSERT IGNORE INTO submissions (jurisdiction_id, period_id, version, status,
                                created_at, updated_at)
  SELECT j.id, p.id, 1, 'accepted', UTC_TIMESTAMP(), UTC_TIMESTAMP()
  FROM jurisdictions j JOIN periods p
  WHERE j.code IN (SELECT code FROM (SELECT code FROM jurisdictions ORDER BY code LIMIT 45) x)
    AND p.code REGEXP '^20(1[5-9]|2[0-4])-S[12]$';

-- Rows: 15 citizenships per picked-row table, the same for every submission.
CREATE TEMPORARY TABLE bench_countries AS
  SELECT code FROM codes WHERE list = 'country' ORDER BY code LIMIT 15;

INSERT IGNORE INTO grid_rows (submission_id, dataset, tbl, row_code)
  SELECT s.id, t.ds, t.tbl, c.code
  FROM submissions s JOIN bench_countries c JOIN (
    SELECT 'flows' ds, 'irr_entry' tbl UNION ALL SELECT 'flows', 'irr_exit'
    UNION ALL SELECT 'flows', 'irr_stay' UNION ALL SELECT 'flows', 'smuggled'
    UNION ALL SELECT 'flows', 'refused' UNION ALL SELECT 'documents', 'by_issuer'
    UNION ALL SELECT 'documents', 'by_holder'
    UNION ALL SELECT 'smugglers', 'by_citizenship') t;

-- Cells of the picked-row tables: every row x every column.
INSERT IGNORE INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag)
  SELECT r.submission_id, r.dataset, r.tbl, r.row_code, cols.col,
         (r.submission_id * 7 + LENGTH(r.row_code) * 13 + cols.n) MOD 500, 'A'
  FROM grid_rows r JOIN (
    SELECT 'flows' ds, CONCAT(a.code, '.', b.code) col, a.sort * 10 + b.sort n
      FROM codes a JOIN codes b WHERE a.list = 'sex' AND b.list = 'age'
    UNION ALL SELECT 'documents', f.code, f.sort FROM codes f WHERE f.list = 'fraud'
    UNION ALL SELECT 'smugglers', CONCAT(a.code, '.', b.code), a.sort * 10 + b.sort
      FROM codes a JOIN codes b WHERE a.list = 'stage' AND b.list = 'sex'
  ) cols ON cols.ds = r.dataset
  WHERE NOT (r.dataset = 'documents' AND r.tbl = 'by_holder');

INSERT IGNORE INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag)
  SELECT r.submission_id, r.dataset, r.tbl, r.row_code, b.code, r.submission_id MOD 97, 'E'
  FROM grid_rows r JOIN codes b ON b.list = 'border'
  WHERE r.dataset = 'documents' AND r.tbl = 'by_holder';

-- Fixed-row tables.
INSERT IGNORE INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag)
  SELECT s.id, 'harm', 'by_mode', m.code, CONCAT(o.code, '.', b.code),
         (s.id + m.sort + o.sort + b.sort) MOD 11, 'A'
  FROM submissions s JOIN codes m ON m.list = 'transport'
  JOIN codes o ON o.list = 'outcome' JOIN codes b ON b.list = 'border';

INSERT IGNORE INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag)
  SELECT s.id, 'smugglers', 'by_role', r.code, st.code, (s.id + r.sort * st.sort) MOD 50, 'A'
  FROM submissions s JOIN codes r ON r.list = 'role' JOIN codes st ON st.list = 'stage';

SELECT COUNT(*) AS cells FROM cells;
