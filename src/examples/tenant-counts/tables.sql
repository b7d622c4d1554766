-- The tables of the tenant counter (run before install.sql, or give it to trial as citus-audit.trialSetup).
CREATE SCHEMA IF NOT EXISTS shop;
CREATE TABLE shop.orders (tenant_id bigint NOT NULL, order_id bigint NOT NULL, amount numeric, PRIMARY KEY (tenant_id, order_id));
CREATE TABLE shop.order_counts (tenant_id bigint PRIMARY KEY, orders bigint NOT NULL);
SELECT create_distributed_table('shop.orders', 'tenant_id');
SELECT create_distributed_table('shop.order_counts', 'tenant_id', colocate_with => 'shop.orders');
