-- 0004: the cell changes of a grid save, one row each, under the single
-- history entry of that save (history.seq). The entry's detail carries the
-- SHA-256 of these rows in order, so they are part of the hash chain
-- (vrsadm verify recomputes it). Append-only, like history.
CREATE TABLE cell_changes (
  history_seq BIGINT UNSIGNED NOT NULL,
  n INT UNSIGNED NOT NULL,
  tbl VARCHAR(16) NOT NULL,
  row_code VARCHAR(16) NOT NULL,
  col_code VARCHAR(40) NOT NULL,
  was VARCHAR(32) NOT NULL,
  now VARCHAR(32) NOT NULL,
  PRIMARY KEY (history_seq, n)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
