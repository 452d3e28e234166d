-- gen-records.sql: the record volume of `make bench`, after
-- gen-reporting.sql: 200,000 routes of three legs and 50,000 incidents with
-- persons, spread over the accepted submissions. Fictitious, bench only.
-- A second run starts again from nothing.
DELETE l FROM route_legs l JOIN routes r ON r.id = l.route_id WHERE r.note = 'bench';
DELETE FROM routes WHERE note = 'bench';
DELETE p FROM incident_persons p JOIN incidents i ON i.id = p.incident_id WHERE i.note = 'bench';
DELETE FROM incidents WHERE note = 'bench';

CREATE TEMPORARY TABLE bench_subs AS
  SELECT ROW_NUMBER() OVER (ORDER BY s.id) - 1 AS n, s.id, p.starts_on
  FROM submissions s JOIN periods p ON p.id = s.period_id
  WHERE s.status = 'accepted' AND s.version = 1 AND p.code REGEXP '^20(1[5-9]|2[0-4])-S[12]$';
ALTER TABLE bench_subs ADD PRIMARY KEY (n);
SET @subs = (SELECT COUNT(*) FROM bench_subs);

-- Origins and destinations, and transit countries (never the same).
CREATE TEMPORARY TABLE bench_ends AS
  SELECT ROW_NUMBER() OVER (ORDER BY code) - 1 AS n, code FROM codes
  WHERE list = 'country' AND code NOT LIKE 'X%' AND code <> '_U' ORDER BY code LIMIT 15;
ALTER TABLE bench_ends ADD PRIMARY KEY (n);
-- Numbered after the LIMIT: 0..9 (numbering all countries first gave
-- 239..248, so legs 1 and 2 never joined).
CREATE TEMPORARY TABLE bench_transit AS
  SELECT ROW_NUMBER() OVER (ORDER BY code) - 1 AS n, code FROM (
    SELECT code FROM codes WHERE list = 'country' AND code NOT LIKE 'X%' AND code <> '_U'
    ORDER BY code DESC LIMIT 10) last_ten;
ALTER TABLE bench_transit ADD PRIMARY KEY (n);
CREATE TEMPORARY TABLE bench_modes AS
  SELECT ROW_NUMBER() OVER (ORDER BY code) - 1 AS n, code FROM codes
  WHERE list = 'transport' AND code <> '_U';
ALTER TABLE bench_modes ADD PRIMARY KEY (n);

INSERT INTO routes (submission_id, origin, destination, migrants, fee_amount, fee_currency,
                    fee_scope, source, confidence, note, legs_text, chain, modes,
                    created_at, updated_at)
  SELECT b.id, o.code, d.code, 1 + x.seq MOD 60, 500 + (x.seq MOD 40) * 100, 'USD', 'PERSON',
         'INTERVIEW', 'MEDIUM', 'bench', '', '', '', UTC_TIMESTAMP() - INTERVAL x.seq MINUTE,
         UTC_TIMESTAMP() - INTERVAL x.seq MINUTE
  FROM seq_1_to_200000 x
  JOIN bench_subs b ON b.n = x.seq MOD @subs
  JOIN bench_ends o ON o.n = x.seq MOD 15
  JOIN bench_ends d ON d.n = (x.seq MOD 15 + 1 + (x.seq DIV 15) MOD 14) MOD 15;

INSERT INTO route_legs (route_id, n, to_country, mode)
  SELECT r.id, 1, t.code, m.code FROM routes r
  JOIN bench_transit t ON t.n = r.id MOD 10 JOIN bench_modes m ON m.n = r.id MOD 5
  WHERE r.note = 'bench';
INSERT INTO route_legs (route_id, n, to_country, mode)
  SELECT r.id, 2, t.code, m.code FROM routes r
  JOIN bench_transit t ON t.n = (r.id + 3) MOD 10 JOIN bench_modes m ON m.n = (r.id DIV 5) MOD 5
  WHERE r.note = 'bench';
INSERT INTO route_legs (route_id, n, to_country, mode)
  SELECT r.id, 3, r.destination, m.code FROM routes r
  JOIN bench_modes m ON m.n = (r.id DIV 25) MOD 5
  WHERE r.note = 'bench';

-- The list columns, as the program keeps them (db-record.c).
UPDATE routes r SET
  legs_text = (SELECT GROUP_CONCAT(CONCAT(l.to_country, ':', l.mode) ORDER BY l.n SEPARATOR ' ')
               FROM route_legs l WHERE l.route_id = r.id),
  chain = CONCAT(' ', r.origin, ' ', (SELECT GROUP_CONCAT(l.to_country ORDER BY l.n SEPARATOR ' ')
                                      FROM route_legs l WHERE l.route_id = r.id), ' '),
  modes = CONCAT(' ', (SELECT GROUP_CONCAT(DISTINCT l.mode SEPARATOR ' ')
                       FROM route_legs l WHERE l.route_id = r.id), ' ')
  WHERE r.note = 'bench';

INSERT INTO incidents (submission_id, occurred_on, area, border, transport, vessel, concealment,
                       dead, missing, smugglers, follow_up, note, persons_text, citizenships,
                       created_at, updated_at)
  SELECT b.id, b.starts_on + INTERVAL x.seq MOD 180 DAY, CONCAT('Area ', x.seq MOD 40), 'SEA',
         m.code, 'Boat', '', x.seq MOD 3, x.seq MOD 5, x.seq MOD 2, 'NONE', 'bench', '', '',
         UTC_TIMESTAMP(), UTC_TIMESTAMP()
  FROM seq_1_to_50000 x
  JOIN bench_subs b ON b.n = x.seq MOD @subs
  JOIN bench_modes m ON m.n = x.seq MOD 5;

INSERT INTO incident_persons (incident_id, n, citizenship, persons)
  SELECT i.id, 1, e.code, 1 + i.id MOD 30 FROM incidents i
  JOIN bench_ends e ON e.n = i.id MOD 15 WHERE i.note = 'bench';
INSERT INTO incident_persons (incident_id, n, citizenship, persons)
  SELECT i.id, 2, e.code, 1 + i.id MOD 7 FROM incidents i
  JOIN bench_ends e ON e.n = (i.id + 4) MOD 15 WHERE i.note = 'bench';

UPDATE incidents i SET
  persons_text = (SELECT GROUP_CONCAT(CONCAT(p.citizenship, ':', p.persons) ORDER BY p.n
                  SEPARATOR ' ') FROM incident_persons p WHERE p.incident_id = i.id),
  citizenships = CONCAT(' ', (SELECT GROUP_CONCAT(p.citizenship ORDER BY p.n SEPARATOR ' ')
                              FROM incident_persons p WHERE p.incident_id = i.id), ' ')
  WHERE i.note = 'bench';

ANALYZE TABLE routes, route_legs, incidents, incident_persons;
SELECT (SELECT COUNT(*) FROM routes) AS routes, (SELECT COUNT(*) FROM incidents) AS incidents;
