-- 0014: a history entry's detail holds up to 60,000 bytes (was 500
-- characters), so what people typed into it, such as the secretariat's
-- reasons for returning a submission (up to 2,000 characters per dataset),
-- is kept whole. TEXT holds 65,535 bytes; the program cuts a detail at
-- 60,000 bytes (HISTORY_DETAIL_MAX), on a character boundary. Existing
-- entries keep their bytes, so their hashes still verify.
ALTER TABLE history MODIFY detail TEXT NOT NULL DEFAULT '';
