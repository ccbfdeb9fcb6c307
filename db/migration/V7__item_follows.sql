-- Members follow items to hear about new arguments, big forecast moves and resolution.
CREATE TABLE item_follow (
    member_id   BIGINT NOT NULL REFERENCES member (id),
    item_id     BIGINT NOT NULL REFERENCES item (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT item_follow_pk PRIMARY KEY (member_id, item_id)
);
CREATE INDEX item_follow_item_ix ON item_follow (item_id);
