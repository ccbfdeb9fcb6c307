-- The public log's filter lists (every action and every moderator that appears in the log), kept as the log grows so
-- that showing them does not scan the whole log on every page view. Written in the transaction of each log row.
CREATE TABLE moderation_log_action (
    action  VARCHAR(40) PRIMARY KEY
);
CREATE TABLE moderation_log_moderator (
    member_id  BIGINT PRIMARY KEY REFERENCES member (id)
);
INSERT INTO moderation_log_action (action) SELECT DISTINCT action FROM moderation_log;
INSERT INTO moderation_log_moderator (member_id)
    SELECT DISTINCT moderator_id FROM moderation_log WHERE moderator_id IS NOT NULL;
