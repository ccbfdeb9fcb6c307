-- Full-text search (crux.search) finds items, arguments and replies, and members. PostgreSQL searches tsvector
-- columns that V71 adds (generated from the text, so the statement that writes the text keeps them current). The
-- embedded database has a Lucene index beside it instead, kept in step through search_seq: every insert or change of
-- a row gives it the next number of one sequence (V71 sets that up on H2), so the index reads what changed since the
-- last number it holds, after any write by any path and after a crash alike. On PostgreSQL the column stays empty.
CREATE SEQUENCE search_seq START WITH 1;
ALTER TABLE comment ADD COLUMN search_seq BIGINT;
ALTER TABLE item ADD COLUMN search_seq BIGINT;
ALTER TABLE member ADD COLUMN search_seq BIGINT;
-- an article's items are indexed again when it changes (retired or restored, they drop out of results or come back)
ALTER TABLE article ADD COLUMN search_seq BIGINT;
