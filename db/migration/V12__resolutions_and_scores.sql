-- How a prediction resolved (one row while it stays resolved; a reopen deletes it, the moderation log keeps
-- the story), and every forecaster's score, computed once at resolution so pages never recompute them.
CREATE TABLE resolution (
    item_id          BIGINT        PRIMARY KEY REFERENCES item (id),
    outcome          VARCHAR(10)   NOT NULL,
    note             VARCHAR(1000) NOT NULL,
    source_url       VARCHAR(500),
    resolved_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_by      BIGINT REFERENCES member (id),
    forecasters      INT           NOT NULL,
    -- the community forecast when it resolved, and the crowd's time-averaged score (null: annulled or no forecasts)
    crowd_final      DOUBLE PRECISION,
    crowd_brier      DOUBLE PRECISION,
    crowd_log_score  DOUBLE PRECISION,
    crowd_coverage   DOUBLE PRECISION,
    CONSTRAINT resolution_outcome_ck CHECK (outcome IN ('yes', 'no', 'annulled')),
    CONSTRAINT resolution_source_ck CHECK (outcome = 'annulled' OR source_url IS NOT NULL)
);

CREATE TABLE forecast_score (
    item_id            BIGINT  NOT NULL REFERENCES item (id),
    member_id          BIGINT  NOT NULL REFERENCES member (id),
    -- the member's last forecast before the close, for calibration
    final_probability  INT     NOT NULL,
    brier              DOUBLE PRECISION NOT NULL,
    log_score          DOUBLE PRECISION NOT NULL,
    coverage           DOUBLE PRECISION NOT NULL,
    CONSTRAINT forecast_score_pk PRIMARY KEY (item_id, member_id)
);
CREATE INDEX forecast_score_member_ix ON forecast_score (member_id);
