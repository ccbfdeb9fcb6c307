-- The name's confusable skeleton (Unicode TR 39, computed by ICU's SpoofChecker): names that look alike share it,
-- so "pаul" with a Cyrillic а cannot join beside "paul". Filled for existing members when Crux starts (SQL cannot
-- compute it); left empty for a pre-existing name whose look-alike was already there, which keeps both.
ALTER TABLE member ADD COLUMN name_skeleton VARCHAR(400);
CREATE UNIQUE INDEX member_name_skeleton_uk ON member (name_skeleton);
