-- A login session: what one activation or PIN login on one device starts. Access tokens carry
-- its id (claim sid); every request checks that the session is still active, so logout and
-- revocation take effect on the next request instead of when the token expires.
create table login_session (
    id            uuid primary key,
    user_id       uuid        not null references app_user,
    created_at    timestamptz not null,
    revoked_at    timestamptz,
    revoke_reason text
);
create index login_session_user on login_session (user_id);
