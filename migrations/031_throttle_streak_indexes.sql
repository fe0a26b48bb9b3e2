-- persistent_421's streak looks up, per domain with throttled hours, its latest clean hour and the
-- first throttled hour after it (src/store/throttle-streaks.ts, throttleSql). With the throttled flag
-- in partial indexes, each lookup reads one index entry instead of walking the domain's hours
-- through the table (measured in BENCHMARKS.md, "Digest").
CREATE INDEX bounce_hourly_domain_clean ON bounce_hourly (sending_domain, hour) WHERE throttled = 0;
CREATE INDEX bounce_hourly_domain_throttled ON bounce_hourly (sending_domain, hour) WHERE throttled > 0;
