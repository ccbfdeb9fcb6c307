-- Camps per article: members are grouped by how they voted on one article's items, and each article has its own
-- camps, common ground and last run. Camps are derived data, recomputed by the job from the stances whenever they
-- changed since its last run (and at once here, with no last run): the tables are made anew rather than migrated.
DROP TABLE member_camp;
DROP TABLE camp;
DROP TABLE camp_run;

CREATE TABLE camp (
    article_id   BIGINT        NOT NULL REFERENCES article (id),
    id           INT           NOT NULL,
    members      INT           NOT NULL,
    -- in words, from the camp's majority stances
    description  VARCHAR(1000) NOT NULL,
    computed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (article_id, id)
);

CREATE TABLE member_camp (
    article_id   BIGINT        NOT NULL,
    member_id    BIGINT        NOT NULL REFERENCES member (id),
    camp_id      INT           NOT NULL,
    computed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (article_id, member_id),
    CONSTRAINT member_camp_camp_fk FOREIGN KEY (article_id, camp_id) REFERENCES camp (article_id, id)
);
CREATE INDEX member_camp_camp_ix ON member_camp (article_id, camp_id);
CREATE INDEX member_camp_member_ix ON member_camp (member_id);

-- Each article's last run: what its stances looked like then, so the job knows whether anything changed since.
CREATE TABLE camp_run (
    article_id          BIGINT PRIMARY KEY REFERENCES article (id),
    computed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    stances             INT  NOT NULL,
    stances_changed_at  TIMESTAMP WITH TIME ZONE
);
