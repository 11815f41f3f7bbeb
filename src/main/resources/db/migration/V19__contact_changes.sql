-- A change of an app user's own mobile number or e-mail address that waits for confirmation.
-- It applies only when the SMS code comes back with the device's PIN, and for an e-mail address
-- also the code sent to the new address. Codes are stored only as keyed hashes. A newer request
-- voids the older one, so each user has at most one change in flight.
create table contact_change (
    id              uuid primary key,
    user_id         uuid        not null references app_user,
    -- The login session that requested the change; only that session can confirm it.
    session_id      uuid        not null references login_session,
    kind            text        not null check (kind in ('MOBILE', 'EMAIL')),
    -- The new E.164 number or lower-case address. Deleted with the row a day after expiry.
    new_value       text        not null,
    sms_code_hash   text        not null,
    email_code_hash text,
    failed_attempts int         not null default 0,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    confirmed_at    timestamptz,
    voided_at       timestamptz,
    constraint contact_change_email_code check ((kind = 'EMAIL') = (email_code_hash is not null))
);

create index contact_change_user on contact_change (user_id) where confirmed_at is null and voided_at is null;
create index contact_change_expiry on contact_change (expires_at);
