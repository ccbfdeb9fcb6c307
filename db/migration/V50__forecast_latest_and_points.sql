-- What the community forecast is made of, kept as forecasts arrive so that neither adding a forecast nor showing a
-- prediction replays every update: each member's latest forecast per prediction, and the community forecast after
-- every update (the history chart, the crowd's score at resolution). Both are written in the transaction that adds
-- the forecast, under the item's row lock.
CREATE TABLE forecast_latest (
    item_id      BIGINT  NOT NULL REFERENCES item (id),
    member_id    BIGINT  NOT NULL REFERENCES member (id),
    probability  INT     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    forecast_id  BIGINT  NOT NULL REFERENCES forecast (id),
    CONSTRAINT forecast_latest_pk PRIMARY KEY (item_id, member_id)
);
-- one item's latest forecasts oldest first (the order the weights assume), probability included so the index alone answers
CREATE INDEX forecast_latest_item_ix ON forecast_latest (item_id, created_at, forecast_id, probability);

-- The latest is the last by time, and of equal times the last stored: the order CommunityForecast replays in.
INSERT INTO forecast_latest (item_id, member_id, probability, created_at, forecast_id)
SELECT f.item_id, f.member_id, f.probability, f.created_at, f.id
FROM forecast f
WHERE NOT EXISTS (SELECT 1 FROM forecast g
                  WHERE g.item_id = f.item_id AND g.member_id = f.member_id
                    AND (g.created_at > f.created_at OR (g.created_at = f.created_at AND g.id > f.id)));

-- The community forecast (%) from `forecasters` members, as it stood from `at` on: one point per forecast update.
-- Filled for the forecasts made before this table existed by the Java migration V51 (a weighted median is no SQL).
CREATE TABLE forecast_point (
    forecast_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES forecast (id),
    item_id      BIGINT  NOT NULL REFERENCES item (id),
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    community    DOUBLE PRECISION NOT NULL,
    forecasters  INT     NOT NULL
);
CREATE INDEX forecast_point_item_ix ON forecast_point (item_id, at, forecast_id);
