-- 0006: the record types of a submission: routes with their legs,
-- incidents with persons by citizenship, and the narrative. Records are
-- never deleted from the database: a deletion sets deleted_at, so the
-- history of a record stays readable. Each record carries row_version
-- for the stale-save check; copied_from links a reopened version's copy to
-- the record it was copied from.

-- A record's field changes are stored like a grid save's cell changes
-- (tbl = record type, row_code = record id, col_code = field), so text
-- fields need room.
ALTER TABLE cell_changes MODIFY was MEDIUMTEXT NOT NULL,
  MODIFY now MEDIUMTEXT NOT NULL,
  ADD INDEX cell_changes_object (tbl, row_code);

CREATE TABLE routes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  submission_id INT UNSIGNED NOT NULL,
  origin VARCHAR(16) NOT NULL,
  destination VARCHAR(16) NOT NULL,
  migrants INT UNSIGNED NULL,
  fee_amount DECIMAL(14,2) NULL,
  fee_currency VARCHAR(16) NULL,
  fee_scope VARCHAR(16) NULL,
  source VARCHAR(16) NOT NULL,
  confidence VARCHAR(16) NOT NULL,
  note TEXT NOT NULL,
  -- Kept in step with route_legs by the same write, for the lists: the
  -- legs as "IRN:LAND_VEHICLE TUR:LAND_FOOT", and the countries of the
  -- chain and the modes as " AFG IRN TUR " and " LAND_VEHICLE LAND_FOOT ",
  -- which a filter finds with LOCATE instead of a subquery per route.
  legs_text VARCHAR(600) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  chain VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  modes VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  row_version INT UNSIGNED NOT NULL DEFAULT 1,
  copied_from BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  deleted_at DATETIME NULL,
  -- Covers the list's filter, so a filtered count reads only the index.
  KEY routes_list (submission_id, deleted_at, updated_at, chain, modes),
  KEY routes_origin (submission_id, origin),
  KEY routes_destination (submission_id, destination),
  CONSTRAINT routes_sub FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Leg n goes from the previous leg's to_country (the origin for leg 1)
-- to to_country; the last leg's to_country is the route's destination.
CREATE TABLE route_legs (
  route_id BIGINT UNSIGNED NOT NULL,
  n TINYINT UNSIGNED NOT NULL,
  to_country VARCHAR(16) NOT NULL,
  mode VARCHAR(16) NOT NULL,
  PRIMARY KEY (route_id, n),
  KEY route_legs_country (to_country),
  CONSTRAINT route_legs_route FOREIGN KEY (route_id) REFERENCES routes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE incidents (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  submission_id INT UNSIGNED NOT NULL,
  occurred_on DATE NOT NULL,
  area VARCHAR(200) NOT NULL,
  lat DECIMAL(4,1) NULL,
  lon DECIMAL(4,1) NULL,
  border VARCHAR(16) NOT NULL,
  transport VARCHAR(16) NOT NULL,
  vessel VARCHAR(200) NOT NULL,
  concealment VARCHAR(200) NOT NULL,
  dead INT UNSIGNED NOT NULL DEFAULT 0,
  missing INT UNSIGNED NOT NULL DEFAULT 0,
  smugglers INT UNSIGNED NOT NULL DEFAULT 0,
  follow_up VARCHAR(16) NOT NULL,
  note TEXT NOT NULL,
  -- Kept in step with incident_persons: "AFG:20 PAK:5" and " AFG PAK ".
  persons_text VARCHAR(1700) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  citizenships VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  row_version INT UNSIGNED NOT NULL DEFAULT 1,
  copied_from BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  deleted_at DATETIME NULL,
  KEY incidents_list (submission_id, deleted_at, occurred_on),
  CONSTRAINT incidents_sub FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE incident_persons (
  incident_id BIGINT UNSIGNED NOT NULL,
  n TINYINT UNSIGNED NOT NULL,
  citizenship VARCHAR(16) NOT NULL,
  persons INT UNSIGNED NOT NULL,
  PRIMARY KEY (incident_id, n),
  KEY incident_persons_country (citizenship),
  CONSTRAINT incident_persons_incident FOREIGN KEY (incident_id)
    REFERENCES incidents (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One narrative per submission; share is 'peers' (contributing states)
-- or 'secretariat' (secretariat only) for each of the three texts.
CREATE TABLE narratives (
  submission_id INT UNSIGNED NOT NULL PRIMARY KEY,
  trends MEDIUMTEXT NOT NULL,
  trends_share VARCHAR(16) NOT NULL,
  modus MEDIUMTEXT NOT NULL,
  modus_share VARCHAR(16) NOT NULL,
  legal MEDIUMTEXT NOT NULL,
  legal_share VARCHAR(16) NOT NULL,
  row_version INT UNSIGNED NOT NULL DEFAULT 1,
  updated_at DATETIME NOT NULL,
  CONSTRAINT narratives_sub FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO codes (list, code, label, sort) VALUES
  ('feescope', 'PERSON', 'Per person', 1),
  ('feescope', 'LEG', 'Per leg', 2),
  ('feescope', 'JOURNEY', 'Whole journey', 3),
  ('source', 'INTERVIEW', 'Interview', 1),
  ('source', 'INVESTIGATION', 'Investigation', 2),
  ('source', 'OPEN_SOURCE', 'Open source', 3),
  ('confidence', 'HIGH', 'High', 1),
  ('confidence', 'MEDIUM', 'Medium', 2),
  ('confidence', 'LOW', 'Low', 3),
  ('followup', 'NONE', 'No follow-up', 1),
  ('followup', 'INVESTIGATION', 'Under investigation', 2),
  ('followup', 'PROSECUTION', 'Prosecution', 3),
  ('followup', 'CLOSED', 'Closed', 4);
