-- The opinion map of each article (derived data, made by the camp job with the camps and replaced whole with them).
-- Camps keep a label (letter and colour) that survives reruns, and their outline on the map; each member in a camp
-- has their point, which only they are ever shown. Bins hold only counts of at least five members: sparser bins are
-- never stored, so no single member's point can be read off the map.
ALTER TABLE camp ADD COLUMN label INT DEFAULT 0 NOT NULL;
-- the convex hull of the camp's bins, "x,y x,y …" in projection units; empty when no bin of it is shown
ALTER TABLE camp ADD COLUMN outline VARCHAR(4000) DEFAULT '' NOT NULL;
-- the members' mean point: finds the camp nearest a member, never shown
ALTER TABLE camp ADD COLUMN centre_x DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE camp ADD COLUMN centre_y DOUBLE PRECISION DEFAULT 0 NOT NULL;

ALTER TABLE member_camp ADD COLUMN x DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE member_camp ADD COLUMN y DOUBLE PRECISION DEFAULT 0 NOT NULL;

-- the map's scale (null: no map) and how many placed members sit in bins too sparse to show
ALTER TABLE camp_run ADD COLUMN hex_size DOUBLE PRECISION;
ALTER TABLE camp_run ADD COLUMN placed INT DEFAULT 0 NOT NULL;
ALTER TABLE camp_run ADD COLUMN hidden INT DEFAULT 0 NOT NULL;

CREATE TABLE camp_bin (
    article_id  BIGINT NOT NULL REFERENCES article (id),
    q           INT    NOT NULL,
    r           INT    NOT NULL,
    members     INT    NOT NULL,
    -- the camp most of the bin's members are in
    camp_id     INT    NOT NULL,
    PRIMARY KEY (article_id, q, r)
);

-- Per active item: its PCA loadings (how agreeing moves a member on each axis), mean vote, and how far apart the
-- camps are on it (highest minus lowest smoothed agreement rate).
CREATE TABLE camp_item (
    article_id    BIGINT NOT NULL REFERENCES article (id),
    item_id       BIGINT NOT NULL REFERENCES item (id),
    loading_x     DOUBLE PRECISION NOT NULL,
    loading_y     DOUBLE PRECISION NOT NULL,
    mean_vote     DOUBLE PRECISION NOT NULL,
    divisiveness  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (article_id, item_id)
);
CREATE INDEX camp_item_item_ix ON camp_item (item_id);

-- Per active item and camp: the camp's stances, and on predictions its community forecast (%, null: none).
CREATE TABLE camp_item_camp (
    article_id   BIGINT NOT NULL REFERENCES article (id),
    item_id      BIGINT NOT NULL REFERENCES item (id),
    camp_id      INT    NOT NULL,
    agree        INT    NOT NULL,
    disagree     INT    NOT NULL,
    voting       INT    NOT NULL,
    forecast     DOUBLE PRECISION,
    forecasters  INT    NOT NULL,
    PRIMARY KEY (article_id, item_id, camp_id)
);
CREATE INDEX camp_item_camp_item_ix ON camp_item_camp (item_id);

-- Camps stored before this migration keep their letters (label = id, as they were named), and every article's camps
-- are recomputed at the job's next run (a stance count no snapshot has), so each gets its map without waiting for a
-- stance to change.
UPDATE camp SET label = id;
UPDATE camp_run SET stances = -1;
