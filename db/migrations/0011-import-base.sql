-- 0011: what the draft's records and narrative were when an upload was checked
-- (for routes and incidents: how many, the newest id, the sum of their
-- versions; the narrative's version). An edit, an addition or a deletion
-- changes it, so confirming over such a change is refused, as over a
-- cell change (base_version).
ALTER TABLE imports ADD COLUMN base_records VARCHAR(200) NOT NULL DEFAULT ''
  AFTER base_version;
