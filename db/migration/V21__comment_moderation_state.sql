-- What moderation did to a comment. 'visible' (the default); 'pending': hidden automatically by flags from
-- distinct members until a moderator reviews it; 'hidden': hidden by a moderator (restorable); 'removed': its body
-- replaced by "[removed by moderator: reason]". Only 'visible' comments appear to others, in feeds and in exports;
-- the author still sees their own pending or hidden comment with a notice.
ALTER TABLE comment ADD COLUMN moderation_state VARCHAR(10) DEFAULT 'visible' NOT NULL;
ALTER TABLE comment ADD COLUMN moderation_reason VARCHAR(1000);
ALTER TABLE comment ADD COLUMN open_flags INT DEFAULT 0 NOT NULL;
ALTER TABLE comment ADD CONSTRAINT comment_moderation_state_ck
    CHECK (moderation_state IN ('visible', 'pending', 'hidden', 'removed'));
