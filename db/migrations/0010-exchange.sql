-- 0010: the XML exchange. Every export keeps its manifest here (the
-- submission versions it holds and the SHA-256 of the file), and every
-- upload its outcome. A checked upload waits in import_chunks for the
-- officer to confirm it; the chunks go when it is applied or dropped.
CREATE TABLE exports (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME NOT NULL,
  finished_at DATETIME NULL,
  actor VARCHAR(80) NOT NULL,
  format VARCHAR(16) NOT NULL,
  filters VARCHAR(2000) NOT NULL,
  -- One line per submission version: "QZA 2026-S1 1 accepted".
  versions MEDIUMTEXT NOT NULL,
  submissions INT UNSIGNED NOT NULL,
  data_file VARCHAR(255) NOT NULL,
  bytes BIGINT UNSIGNED NULL,
  sha256 CHAR(64) NULL,
  status ENUM('running', 'complete', 'failed') NOT NULL,
  KEY exports_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imports (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME NOT NULL,
  finished_at DATETIME NULL,
  actor VARCHAR(80) NOT NULL,
  submission_id INT UNSIGNED NOT NULL,
  filename VARCHAR(255) NOT NULL,
  bytes BIGINT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  mode ENUM('replace', 'merge') NOT NULL,
  -- The draft's row_version when the file was checked: confirming over a
  -- draft changed since then is refused.
  base_version INT UNSIGNED NOT NULL,
  status ENUM('refused', 'checked', 'applied', 'dropped') NOT NULL,
  problems INT UNSIGNED NOT NULL DEFAULT 0,
  summary VARCHAR(1000) NOT NULL DEFAULT '',
  KEY imports_created (created_at),
  CONSTRAINT imports_sub FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE import_chunks (
  import_id INT UNSIGNED NOT NULL,
  n INT UNSIGNED NOT NULL,
  data MEDIUMBLOB NOT NULL,
  PRIMARY KEY (import_id, n),
  CONSTRAINT import_chunks_import FOREIGN KEY (import_id) REFERENCES imports (id)
) ENGINE=InnoDB;
