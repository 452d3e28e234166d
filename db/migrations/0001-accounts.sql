-- 0001: jurisdictions, users, sessions, the schema version and the
-- hash-chained history. All times are UTC (the program sets time_zone).

CREATE TABLE schema_version (
  version INT NOT NULL PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Code list: ISO 3166-1 alpha-3 plus the special codes of the domain.
CREATE TABLE countries (
  code VARCHAR(3) NOT NULL PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  valid_from DATE NOT NULL DEFAULT '1900-01-01',
  valid_to DATE NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reporting entities: states and territories use their ISO code,
-- organisations a user-assigned one (QMA-QZZ, XAA-XZZ).
CREATE TABLE jurisdictions (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code CHAR(3) NOT NULL,
  name VARCHAR(128) NOT NULL,
  kind ENUM('country', 'organisation') NOT NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY jurisdictions_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  role ENUM('data-entry', 'focal-point', 'viewer', 'secretariat-analyst',
            'secretariat-admin') NOT NULL,
  jurisdiction_id INT UNSIGNED NULL,
  agency ENUM('police', 'immigration', 'coast-guard', 'prosecution',
              'courts', 'other') NULL,
  password_hash VARCHAR(255) NOT NULL,
  password_changed_at DATETIME NOT NULL,
  disabled TINYINT(1) NOT NULL DEFAULT 0,
  failed_logins INT NOT NULL DEFAULT 0,
  failed_window_start DATETIME NULL,
  locked_until DATETIME NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY users_username (username),
  CONSTRAINT users_jurisdiction FOREIGN KEY (jurisdiction_id)
    REFERENCES jurisdictions (id),
  -- The secretariat belongs to no jurisdiction; everyone else to one.
  CONSTRAINT users_role_jurisdiction CHECK
    ((role IN ('secretariat-analyst', 'secretariat-admin'))
     = (jurisdiction_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
  token_hash BINARY(32) NOT NULL PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  KEY sessions_user (user_id),
  CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
    ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every write appends here in its own transaction. hash covers prev_hash
-- and the entry's fields, so rewriting or deleting an entry breaks the
-- chain (vrsadm verify). The application account may only SELECT and
-- INSERT this table (vrsadm grants).
CREATE TABLE history (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor_user_id INT UNSIGNED NULL,
  actor VARCHAR(80) NOT NULL,
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NOT NULL,
  object_id BIGINT NULL,
  detail VARCHAR(500) NOT NULL DEFAULT '',
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL,
  KEY history_object (object_type, object_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row whose lock serialises history writers.
CREATE TABLE history_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  seq BIGINT UNSIGNED NOT NULL,
  hash BINARY(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO history_head (id, seq, hash) VALUES (1, 0, REPEAT(X'00', 32));
