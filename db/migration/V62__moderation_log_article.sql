-- The article a log row is about (the article itself, one of its items, or a comment on one of them), kept with the
-- row when it is written, so that the log filtered by article reads one index instead of the whole log; null for rows
-- about members. Rows written before are given theirs here, once.
ALTER TABLE moderation_log ADD COLUMN article_id BIGINT REFERENCES article (id);
UPDATE moderation_log SET article_id = target_id WHERE target_kind = 'article';
UPDATE moderation_log SET article_id = (SELECT i.article_id FROM item i WHERE i.id = moderation_log.target_id)
    WHERE target_kind = 'item';
UPDATE moderation_log SET article_id = (SELECT i.article_id FROM comment c JOIN item i ON i.id = c.item_id
                                        WHERE c.id = moderation_log.target_id)
    WHERE target_kind = 'comment';
CREATE INDEX moderation_log_article_ix ON moderation_log (article_id, created_at);
