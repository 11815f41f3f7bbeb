-- One table for every throttle (SECURITY.md L3, T3): each row is one counted event, a request or a
-- failure, in a bucket (what is limited) for a subject (a client IP address, a user, a device, an
-- integrator client id or an activation code hash). A limit counts the rows of one bucket and
-- subject in a sliding window, so every instance sees the same counts. Rows older than the longest
-- window are deleted by the login housekeeping job.
create table throttle_event (
    id         bigint generated always as identity primary key,
    bucket     text        not null,
    subject    text        not null,
    created_at timestamptz not null
);
create index throttle_event_bucket_subject_created on throttle_event (bucket, subject, created_at);
create index throttle_event_created on throttle_event (created_at);

-- Replaced by throttle_event: their rows live for an hour, so nothing of value is lost.
drop table activation_request;
drop table activation_decoy;
