-- 0017: the pooled views served are written to an append-only access log
-- of their own, one row per view, by a plain INSERT that takes no lock
-- shared with other readers (they were history entries, and every reader
-- queued behind the history head's lock). Each worker seals its own rows
-- into the hash-chained history in batches: an "access.seal" entry whose
-- detail carries the writer, the range of its rows, their count and the
-- SHA-256 of their canonical form (cgi/db-access.c). vrsadm verify
-- recomputes every seal.

-- A writer: one worker process, from its first pooled view to its stop.
-- Its id, given by the database, is unique across application hosts.
-- sealed_seq: its rows up to this writer_seq are sealed (moved only by a
-- seal, under this row's lock, so two sealers never seal a row twice).
CREATE TABLE access_writers (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  host VARCHAR(255) NOT NULL,
  pid INT UNSIGNED NOT NULL,
  started_at DATETIME(6) NOT NULL,
  sealed_seq BIGINT UNSIGNED NOT NULL DEFAULT 0,
  sealed_at DATETIME(6) NULL,
  stopped_at DATETIME(6) NULL       -- stopped with every row sealed
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per pooled view served. writer_seq numbers a writer's rows in
-- the order it wrote them (gaps where a write failed). period_id is the
-- view's period when it shows one (totals, routes, narratives); periods
-- lists the codes of every period shown (trends: all of them). "Who has
-- seen our data" reads by period_id (and, for trends, by part) with the
-- viewer's jurisdiction: the secretariat is NULL.
CREATE TABLE access_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  writer_id INT UNSIGNED NOT NULL,
  writer_seq BIGINT UNSIGNED NOT NULL,
  at DATETIME(6) NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  username VARCHAR(64) NOT NULL,
  jurisdiction_id INT UNSIGNED NULL,
  view VARCHAR(16) NOT NULL,        -- totals, trends, routes, narratives
  format VARCHAR(8) NOT NULL,       -- html, csv
  part VARCHAR(16) NOT NULL,        -- dataset, routes or narrative
  period_id INT UNSIGNED NULL,
  periods VARCHAR(4000) NOT NULL,
  country VARCHAR(3) NOT NULL DEFAULT '',   -- the ?country= filter
  UNIQUE KEY access_log_writer (writer_id, writer_seq),
  KEY access_log_period (period_id, jurisdiction_id, at),
  KEY access_log_part (part, view, at),
  KEY access_log_viewer (jurisdiction_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One per access.seal history entry: the writer's rows seq_from..seq_to
-- (contiguous with its previous seal), how many there were and the
-- SHA-256 (hex) of their canonical form. The entry's detail repeats these
-- facts, so the chain holds them.
CREATE TABLE access_seals (
  history_seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  writer_id INT UNSIGNED NOT NULL,
  seq_from BIGINT UNSIGNED NOT NULL,
  seq_to BIGINT UNSIGNED NOT NULL,
  row_count BIGINT UNSIGNED NOT NULL,
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  UNIQUE KEY access_seals_writer (writer_id, seq_from)
) ENGINE=InnoDB;
