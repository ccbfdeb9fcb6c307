-- "New since your last visit": per member and item, the newest comment id that existed when the member last opened
-- the item's page. Comment ids come from one sequence, so every comment with a greater id is newer than that visit;
-- an id, unlike a time, cannot be overtaken by a comment committed a moment late with an earlier clock.
CREATE TABLE item_visit (
    member_id        BIGINT NOT NULL REFERENCES member (id),
    item_id          BIGINT NOT NULL REFERENCES item (id),
    seen_comment_id  BIGINT NOT NULL,
    seen_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT item_visit_pk PRIMARY KEY (member_id, item_id)
);
