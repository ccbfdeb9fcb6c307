-- A log entry's reason can be longer than any one form field: a resolution's entry joins its summary, the note (up to
-- 1,000 characters) and the source link (up to 500).
ALTER TABLE moderation_log ALTER COLUMN reason SET DATA TYPE VARCHAR(2000);
