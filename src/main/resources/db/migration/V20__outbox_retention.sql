-- Outbox retention (OutboxRetentionJob): delivered messages are deleted after
-- clientapp.outbox.keep-sent, messages that failed for good after clientapp.outbox.keep-failed.
-- These partial indexes let each batch find the oldest finished rows without a scan of the table.
create index outbox_message_sent_at on outbox_message (sent_at) where status = 'SENT';
create index outbox_message_failed_at on outbox_message (failed_at) where status = 'FAILED';
