-- 0005: code lists are read in display order on every grid page; an index
-- in that order spares a sort of the 250 countries each time.
ALTER TABLE codes ADD INDEX codes_display (list, sort, label, code);
