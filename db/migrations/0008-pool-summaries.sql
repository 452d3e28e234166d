-- 0008: summaries of the contributing submissions, kept in step inside the
-- same transaction as each workflow transition that changes what counts
-- (submit, return, accept, reopen), so a pooled view reads a few hundred
-- summary rows instead of aggregating every cell or route of a period.
-- counts is 'A' (accepted submissions) or 'S' (submitted or accepted):
-- both are kept, and the sharing setting picks one.

-- Per cell, across states (additive): sums with and without C cells, how
-- many states gave a value, how many of them share in aggregate only.
CREATE TABLE pool_cells (
  period_id INT UNSIGNED NOT NULL,
  counts CHAR(1) NOT NULL,
  dataset VARCHAR(16) NOT NULL,
  tbl VARCHAR(16) NOT NULL,
  row_code VARCHAR(16) NOT NULL,
  col_code VARCHAR(40) NOT NULL,
  sum_nonc BIGINT NOT NULL,
  sum_all BIGINT NOT NULL,
  states_nonc INT NOT NULL,
  states_all INT NOT NULL,
  agg_nonc INT NOT NULL,
  agg_all INT NOT NULL,
  conf INT NOT NULL,
  -- (counts, dataset) first: the totals of a period and the trends over
  -- every period both read one range.
  PRIMARY KEY (counts, dataset, period_id, tbl, row_code, col_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per state and table (replaced as a whole): for the per-state figures
-- and the trends.
CREATE TABLE pool_tables (
  period_id INT UNSIGNED NOT NULL,
  counts CHAR(1) NOT NULL,
  dataset VARCHAR(16) NOT NULL,
  tbl VARCHAR(16) NOT NULL,
  jurisdiction_id INT UNSIGNED NOT NULL,
  sharing_level VARCHAR(16) NOT NULL,
  sum_nonc BIGINT NOT NULL,
  sum_all BIGINT NOT NULL,
  n_nonc INT NOT NULL,
  conf INT NOT NULL,
  PRIMARY KEY (counts, dataset, period_id, tbl, jurisdiction_id),
  KEY pool_tables_state (period_id, counts, jurisdiction_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per state and route (origin, destination), and per route, currency and
-- scope for the fees (minimum and maximum are not additive: per state).
CREATE TABLE pool_flows (
  period_id INT UNSIGNED NOT NULL,
  counts CHAR(1) NOT NULL,
  jurisdiction_id INT UNSIGNED NOT NULL,
  origin VARCHAR(16) NOT NULL,
  destination VARCHAR(16) NOT NULL,
  sharing_level VARCHAR(16) NOT NULL,
  records INT NOT NULL,
  migrants BIGINT NOT NULL,
  PRIMARY KEY (period_id, counts, jurisdiction_id, origin, destination)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pool_fees (
  period_id INT UNSIGNED NOT NULL,
  counts CHAR(1) NOT NULL,
  jurisdiction_id INT UNSIGNED NOT NULL,
  origin VARCHAR(16) NOT NULL,
  destination VARCHAR(16) NOT NULL,
  currency VARCHAR(16) NOT NULL,
  scope VARCHAR(16) NOT NULL,
  sharing_level VARCHAR(16) NOT NULL,
  records INT NOT NULL,
  fee_min DECIMAL(14,2) NOT NULL,
  fee_max DECIMAL(14,2) NOT NULL,
  PRIMARY KEY (period_id, counts, jurisdiction_id, origin, destination, currency, scope)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
