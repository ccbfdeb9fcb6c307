-- Camps of members who vote alike, recomputed by a background job when stances changed since its last run.
CREATE TABLE camp (
    id           INT           PRIMARY KEY,
    members      INT           NOT NULL,
    -- in words, from the camp's majority stances
    description  VARCHAR(1000) NOT NULL,
    computed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE member_camp (
    member_id    BIGINT        PRIMARY KEY REFERENCES member (id),
    camp_id      INT           NOT NULL REFERENCES camp (id),
    computed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX member_camp_camp_ix ON member_camp (camp_id);

-- The last run: what the stances looked like then, so the job knows whether anything changed since.
CREATE TABLE camp_run (
    id                  INT  PRIMARY KEY,
    computed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    stances             INT  NOT NULL,
    stances_changed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT camp_run_single_ck CHECK (id = 1)
);
