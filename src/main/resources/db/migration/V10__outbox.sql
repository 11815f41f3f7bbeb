-- Transactional outbox (SECURITY.md R3): every e-mail, push message, webhook call and
-- non-urgent SMS is a row written in the transaction of the change that causes it. The relay
-- (OutboxRelay) claims due rows with FOR UPDATE SKIP LOCKED and sends them.
create table outbox_message (
    -- The message id: unique, also sent as webhook-id, so receivers can drop repeats.
    id              uuid primary key,
    channel         text        not null check (channel in ('EMAIL', 'SMS', 'PUSH', 'WEBHOOK')),
    -- E-mail address, E.164 number, push token, or webhook_endpoint id (read at send time).
    recipient       text        not null,
    -- E-mail subject or push title; null for SMS and webhooks.
    subject         text,
    -- E-mail or SMS text, push body, or the webhook's JSON payload.
    body            text        not null,
    -- Push data as a JSON object of strings; null otherwise.
    data            jsonb,
    -- What the message is about, for logs: an event type or text key, never personal data.
    topic           text        not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    -- When the relay may claim it next: the creation time, a retry time, or the end of a claim lease.
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    failed_at       timestamptz,
    -- Class of the last failure, never the provider's text (it may quote the address).
    last_error      text
);
create index outbox_message_due on outbox_message (next_attempt_at) where status = 'PENDING';

-- An organisation's webhook receiver. The secret is the Standard Webhooks signing key
-- ("whsec_" + base64); it has to be stored readable to sign, like any HMAC key.
create table webhook_endpoint (
    id              uuid primary key,
    organisation_id uuid        not null references organisation,
    url             text        not null,
    secret          text        not null,
    created_at      timestamptz not null,
    deleted_at      timestamptz
);
create index webhook_endpoint_organisation on webhook_endpoint (organisation_id) where deleted_at is null;

-- The push token of the device behind one login session; a revoked session gets no pushes.
create table push_token (
    login_session_id uuid primary key references login_session,
    user_id          uuid        not null references app_user,
    platform         text        not null check (platform in ('ANDROID', 'IOS')),
    token            text        not null,
    updated_at       timestamptz not null
);
create index push_token_user on push_token (user_id);

-- A user's choices per kind of notification; no row means both channels are on.
create table notification_preference (
    user_id    uuid        not null references app_user,
    kind       text        not null check (kind in ('NEWS', 'CHAT_ANSWERS', 'ACCESS_NOTICES')),
    email      boolean     not null,
    push       boolean     not null,
    updated_at timestamptz not null,
    primary key (user_id, kind)
);
