-- 0019: a version number for the code lists. Each worker keeps the lists
-- it has read (a grid's rows and columns, a record list's names) instead
-- of reading them again for every page; every read of a submission
-- carries this number, and a worker reads its lists again when it moved.
-- Code lists change through /admin/codes, vrsadm and migrations: the
-- triggers count every change, however it is made.
CREATE TABLE code_version (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  n BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO code_version VALUES (1, 1);
CREATE TRIGGER codes_version_insert AFTER INSERT ON codes FOR EACH ROW
  UPDATE code_version SET n = n + 1 WHERE id = 1;
CREATE TRIGGER codes_version_update AFTER UPDATE ON codes FOR EACH ROW
  UPDATE code_version SET n = n + 1 WHERE id = 1;
CREATE TRIGGER codes_version_delete AFTER DELETE ON codes FOR EACH ROW
  UPDATE code_version SET n = n + 1 WHERE id = 1;
