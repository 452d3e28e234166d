-- 0019: a version number for the code lists. Each web worker keeps the
-- lists it has read (a grid's rows and columns, a record list's names)
-- instead of reading them again for every page; every read of a
-- submission carries this number, and a worker reads its lists again
-- when it moved. The program moves it with every change it makes to the
-- codes table (/admin/codes). A migration that changes codes, or a change
-- made by hand, moves it too:
--   UPDATE code_version SET n = n + 1 WHERE id = 1;
-- (no trigger does it: a backup taken with the application account, as
-- INSTALL shows, would leave the triggers out without a word).
CREATE TABLE code_version (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  n BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO code_version VALUES (1, 1);
