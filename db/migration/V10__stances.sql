-- Stances: one per member per item (the primary key), and the item's tallies kept beside it.
-- The tallies are updated in the same transaction as every stance change, so they always equal the rows.
CREATE TABLE item_stance (
    member_id        BIGINT       NOT NULL REFERENCES member (id),
    item_id          BIGINT       NOT NULL REFERENCES item (id),
    stance           VARCHAR(10)  NOT NULL,
    -- the stance this one replaced (null for a first stance): what the upsert hands back, and "changed my mind"
    previous_stance  VARCHAR(10),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT item_stance_pk PRIMARY KEY (member_id, item_id),
    CONSTRAINT item_stance_ck CHECK (stance IN ('agree', 'unsure', 'disagree')),
    CONSTRAINT item_stance_previous_ck CHECK (previous_stance IS NULL OR previous_stance IN ('agree', 'unsure', 'disagree'))
);
CREATE INDEX item_stance_item_ix ON item_stance (item_id);
CREATE INDEX item_stance_updated_ix ON item_stance (updated_at);

ALTER TABLE item ADD COLUMN agree_count INT DEFAULT 0 NOT NULL;
ALTER TABLE item ADD COLUMN unsure_count INT DEFAULT 0 NOT NULL;
ALTER TABLE item ADD COLUMN disagree_count INT DEFAULT 0 NOT NULL;
ALTER TABLE item ADD CONSTRAINT item_tally_ck CHECK (agree_count >= 0 AND unsure_count >= 0 AND disagree_count >= 0);
