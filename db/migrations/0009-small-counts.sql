-- 0009: disclosure control by small counts: a pooled figure from 1 to
-- suppress_below - 1 is shown to states as suppressed (0: no threshold).
INSERT INTO settings (name, value) VALUES ('suppress_below', '0');
