-- The outbox gauges and health check read min(created_at) of pending messages on every scrape;
-- this partial index keeps that a lookup of one index entry, however large the sent history grows.
create index outbox_message_pending_created on outbox_message (created_at) where status = 'PENDING';
