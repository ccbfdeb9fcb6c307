-- Staying in touch by mail: which notices a member wants mailed (at once or in a daily digest), their time zone, the
-- comment a notice is about (so mail leaves out notices whose comment has been hidden or removed since), and one row
-- per member and day a digest was made for (so a digest is never made twice for a day).

-- The member's IANA time zone (Europe/Paris): times on pages and the digest hour follow it; null means UTC.
ALTER TABLE member ADD COLUMN time_zone VARCHAR(64);

-- The comment a notice is about, when it is about one.
ALTER TABLE notification ADD COLUMN comment_id BIGINT;
CREATE INDEX notification_created_ix ON notification (created_at);

-- A topic a member wants by mail; a topic without a row stays in the inbox only (the default).
CREATE TABLE mail_preference (
    member_id  BIGINT       NOT NULL REFERENCES member (id),
    topic      VARCHAR(20)  NOT NULL,
    delivery   VARCHAR(10)  NOT NULL,
    PRIMARY KEY (member_id, topic),
    CONSTRAINT mail_preference_topic_ck
        CHECK (topic IN ('replies', 'mentions', 'followed', 'resolutions', 'moderation')),
    CONSTRAINT mail_preference_delivery_ck CHECK (delivery IN ('immediate', 'digest'))
);

-- The digest of one member's local day: written in the transaction that queues its mail (or finds nothing new), so
-- however many instances run and however often they restart, a day gets one digest. covered_until is where the next
-- digest starts.
CREATE TABLE mail_digest (
    member_id      BIGINT   NOT NULL REFERENCES member (id),
    local_day      DATE     NOT NULL,
    covered_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    notices        INT      NOT NULL,
    PRIMARY KEY (member_id, local_day)
);
