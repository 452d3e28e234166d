-- 0012: a password set by someone else (an administrator, vrsadm) is
-- temporary until its owner chooses one; and a form posted after its
-- session ended is kept for its owner, to be offered back after signing in
-- again (never saved by itself).
ALTER TABLE users ADD COLUMN password_temporary TINYINT(1) NOT NULL DEFAULT 0
  AFTER password_changed_at;

-- A session started in a browser whose previous session (of the same user)
-- had ended remembers the SHA-256 of that session's form token: a form the
-- browser still shows from before is then kept too, not refused outright.
ALTER TABLE sessions ADD COLUMN prev_csrf_hash BINARY(32) NULL;

-- body is the form as posted (urlencoded, without its token); path is the
-- URL it was posted to, route the route's name. session_hash is the hash of
-- the ended session that posted it: only a form that came with the token
-- of a session of user_id, and that session's form token, is kept.
CREATE TABLE kept_forms (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  session_hash BINARY(32) NOT NULL,
  path VARCHAR(255) NOT NULL,
  route VARCHAR(64) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  UNIQUE KEY kept_forms_user_path (user_id, path),
  KEY kept_forms_expires (expires_at),
  CONSTRAINT kept_forms_user FOREIGN KEY (user_id) REFERENCES users (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
