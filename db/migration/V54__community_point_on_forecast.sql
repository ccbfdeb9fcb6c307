-- The community forecast after each update moves from its own table onto the update's row: a forecast then writes one
-- row fewer (and its commit two index trees fewer), and the chart reads the item's forecasts in the order of
-- forecast_item_ix. Both columns are set in the transaction that adds the forecast, under the item's row lock; a
-- forecast stamped before the item's newest one is stored without them and its item replayed (ForecastReplay), which
-- sets them on every row. As with V52, stop instances running code from before this migration before new ones serve.
ALTER TABLE forecast ADD COLUMN community DOUBLE PRECISION;
ALTER TABLE forecast ADD COLUMN forecasters INT;
UPDATE forecast SET
    community = (SELECT p.community FROM forecast_point p WHERE p.forecast_id = forecast.id),
    forecasters = (SELECT p.forecasters FROM forecast_point p WHERE p.forecast_id = forecast.id);
DROP TABLE forecast_point;
