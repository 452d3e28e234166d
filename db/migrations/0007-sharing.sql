-- 0007: the sharing rule. The secretariat's settings, and the sharing
-- level each state chooses per submission: 'attributed' (contributing
-- states see its figures per jurisdiction) or 'aggregate' (they count in
-- regional totals only).
CREATE TABLE settings (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  value VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO settings (name, value) VALUES
  ('sharing_mode', 'period'),        -- period, rolling or dataset
  ('sharing_window', '4'),           -- rolling: how many periods
  ('contribution', 'accepted'),      -- accepted, or submitted (or accepted)
  ('suppress_k', '3'),               -- fewest aggregate-only states in a total
  ('default_level', 'attributed');   -- a new draft's sharing level

ALTER TABLE submissions
  ADD sharing_level VARCHAR(16) NOT NULL DEFAULT 'attributed',
  ADD INDEX submissions_contrib (period_id, status, jurisdiction_id);
