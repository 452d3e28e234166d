-- 0013: e-mail notifications. Users get an address (optional) and a
-- switch to turn notifications off; mail waits in an outbox, written in
-- the same transaction as the change it tells about, until `vrsadm
-- mail-send` hands it to the SMTP relay.
ALTER TABLE users
  ADD COLUMN email VARCHAR(254) NULL AFTER display_name,
  ADD COLUMN notify TINYINT(1) NOT NULL DEFAULT 1 AFTER email;

-- One row per message and recipient, rendered when queued (subject and
-- body in UTF-8; the headers are made when it is sent). No foreign keys:
-- a message outlives what it tells about. once_key makes a message that
-- must go only once (the reminder before a due date: due:<period>:<user>)
-- unique. A row is waiting while sent_at and failed_at are both NULL;
-- attempts, next_attempt_at and last_error record the retries.
CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME NOT NULL,
  kind VARCHAR(16) NOT NULL,
  user_id INT UNSIGNED NULL,
  to_addr VARCHAR(254) NOT NULL,
  subject VARCHAR(400) NOT NULL,
  body TEXT NOT NULL,
  once_key VARCHAR(64) COLLATE utf8mb4_bin NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  last_error VARCHAR(300) NOT NULL DEFAULT '',
  sent_at DATETIME NULL,
  failed_at DATETIME NULL,
  UNIQUE KEY mail_outbox_once (once_key),
  KEY mail_outbox_waiting (sent_at, failed_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
