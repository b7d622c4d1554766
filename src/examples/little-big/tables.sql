-- The tables of the seed's embiggen, as the Citus docs make them (run before install.sql, or give
-- it to trial as citus-audit.trialSetup).
CREATE SCHEMA IF NOT EXISTS shard7;
CREATE TABLE shard7.little_vals (key int, val int);
CREATE TABLE shard7.big_vals (key int, val int);
SELECT create_distributed_table('shard7.little_vals', 'key');
SELECT create_distributed_table('shard7.big_vals', 'key', colocate_with => 'shard7.little_vals');
