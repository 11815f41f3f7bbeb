-- A random full-access member: user u follows client u % clients (bench/sql/generate.sql),
-- and the users that follow only the timeline (u % 3 = 0 beyond the administrators) are skipped.
\set r random(0, :users - 1)
\set u :r + case when :r % 3 = 0 and :r >= :clients then 1 else 0 end
\set c :u % :clients
