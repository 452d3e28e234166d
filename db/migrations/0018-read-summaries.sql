-- 0018: what lets the pooled views read a few rows per request.
--
-- 1. The reference generation: a number that every change to the code
-- lists or the settings raises, in the same transaction. Each worker
-- keeps its copy of the code lists and settings only while the generation
-- it reads with the request's session is the one the copy was made under.
-- The program raises it wherever it writes codes or settings (the pages,
-- vrsadm). A migration that changes them, or a change made by hand, must
-- raise it too:
--   UPDATE ref_generation SET gen = gen + 1 WHERE id = 1;
-- (No trigger does it: a backup taken with the application account, as
-- INSTALL shows, would leave triggers out without a word.)
CREATE TABLE ref_generation (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  gen BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO ref_generation (id, gen) VALUES (1, 1);


-- 2. Per period and table, the totals the trends show, recomputed from
-- pool_cells and pool_tables for the period (in the same transaction) at
-- each transition that changes them, so the trends read one row per
-- period and table instead of grouping every pooled cell of every period.
-- Suppression depends on the settings (K, the small-count threshold), so
-- the smallest values that decide it are kept: a table's total hides a
-- suppressed cell when min_agg < K or 0 < min_sum < threshold.
CREATE TABLE pool_trends (
  counts CHAR(1) NOT NULL,
  dataset VARCHAR(16) NOT NULL,
  period_id INT UNSIGNED NOT NULL,
  tbl VARCHAR(16) NOT NULL,
  sum_nonc BIGINT NOT NULL,
  sum_all BIGINT NOT NULL,
  conf INT NOT NULL,
  -- the smallest agg_nonc above 0 of the table's cells (NULL: none)
  min_agg INT NULL,
  -- the smallest sum_nonc above 0 of the table's cells (NULL: none)
  min_sum BIGINT NULL,
  -- the dataset's states in this period (the same on each table's row):
  -- how many, and a digest of their ids, so that a change of the set
  -- from one period to the next shows; nonc: those with a value that is
  -- not C (what states see), all: any value (the secretariat)
  states_nonc INT NOT NULL,
  states_all INT NOT NULL,
  set_nonc CHAR(40) NOT NULL,
  set_all CHAR(40) NOT NULL,
  PRIMARY KEY (counts, dataset, period_id, tbl),
  KEY pool_trends_period (period_id, counts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 3. The standing every pooled view reads asks, per period, which
-- datasets the viewer's state reported (pool_tables rows with n_nonc > 0):
-- with n_nonc in the index (the dataset is in it as part of the primary
-- key) that is read from the index alone, not row by row.
ALTER TABLE pool_tables DROP INDEX pool_tables_state,
  ADD INDEX pool_tables_state (period_id, counts, jurisdiction_id, n_nonc);
