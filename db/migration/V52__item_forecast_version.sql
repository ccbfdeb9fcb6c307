-- Bumped, under the item's row lock, by every transaction that changes the item's rows in forecast_latest
-- (ForecastRepository.add, ForecastReplay.rebuild). Each instance keeps an item's latest forecasts in memory tagged
-- with the version it read them at: the same version under the lock means no instance has changed them since, so the
-- copy serves instead of reading every forecaster's latest forecast again. Instances running code from before this
-- migration change forecasts without bumping it: stop them before new ones serve (no rolling upgrade across it).
ALTER TABLE item ADD COLUMN forecast_version BIGINT NOT NULL DEFAULT 0;
