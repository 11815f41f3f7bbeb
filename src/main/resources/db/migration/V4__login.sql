-- Login: invitations sent by e-mail, SMS verification, devices with a PIN and a P-256 key,
-- PIN-login challenges and refresh tokens. Secrets are never stored in the clear: high-entropy
-- codes and tokens as SHA-256 hex, SMS codes as HMAC-SHA256 hex with a server-side key, and
-- PINs as Argon2id with a server-side secret.

-- Login details e-mailed to a new member: a single-use activation code valid for 72 hours.
create table invitation (
    id            uuid primary key,
    membership_id uuid        not null references membership,
    user_id       uuid        not null references app_user,
    -- SHA-256 of the activation code (256 random bits), hex.
    code_hash     text        not null unique,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    -- Set when an activation completes with this invitation.
    used_at       timestamptz,
    -- Set when a newer invitation for the same membership replaces this one.
    voided_at     timestamptz
);
create index invitation_membership on invitation (membership_id);

-- One activation attempt: the SMS code sent for an invitation. Every row is one SMS, so the
-- per-user send limits count rows of this table.
create table activation (
    id              uuid primary key,
    invitation_id   uuid        not null references invitation,
    user_id         uuid        not null references app_user,
    -- HMAC-SHA256 of the 6-digit SMS code under a key derived from the server pepper, hex.
    sms_code_hash   text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    failed_attempts integer     not null default 0,
    used_at         timestamptz,
    -- Set when a newer activation attempt of the same user replaces this one.
    voided_at       timestamptz
);
create index activation_user_created on activation (user_id, created_at);

-- Every activation request, valid or not, per client IP address, for the per-IP cap.
create table activation_request (
    id         uuid primary key,
    ip_address text        not null,
    created_at timestamptz not null
);
create index activation_request_ip_created on activation_request (ip_address, created_at);

-- Requests with an unknown, expired or used activation code that got the normal response. The
-- per-user SMS limits are applied to them per code, so a repeated invalid code is throttled
-- exactly like a valid one.
create table activation_decoy (
    id         uuid primary key,
    -- SHA-256 of the submitted code, hex.
    code_hash  text        not null,
    created_at timestamptz not null
);
create index activation_decoy_code_created on activation_decoy (code_hash, created_at);

-- A registered device: its P-256 public key and the Argon2id hash of the PIN that unlocks it.
create table device (
    id                  uuid primary key,
    user_id             uuid        not null references app_user,
    name                text        not null,
    -- SubjectPublicKeyInfo (DER) of the device's P-256 key.
    public_key          bytea       not null,
    -- PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash (the pepper is not part of it).
    pin_hash            text        not null,
    -- Consecutive wrong PINs; the fifth destroys the registration.
    failed_pin_attempts integer     not null default 0,
    created_at          timestamptz not null,
    last_login_at       timestamptz,
    destroyed_at        timestamptz
);
create index device_user on device (user_id);

alter table login_session add column device_id uuid references device;
create index login_session_device on login_session (device_id);

-- A single-use random challenge for a PIN login, valid for 2 minutes. device_id has no foreign
-- key because challenges are also issued for unknown device ids, so they cannot be told apart.
create table login_challenge (
    id         uuid primary key,
    device_id  uuid        not null,
    challenge  bytea       not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

-- Opaque refresh tokens, rotated on every use. A used token presented again revokes its session.
create table refresh_token (
    id         uuid primary key,
    session_id uuid        not null references login_session,
    -- SHA-256 of the token (256 random bits), hex.
    token_hash text        not null unique,
    created_at timestamptz not null,
    -- Idle expiry: 30 days after the token was issued.
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_token_session on refresh_token (session_id);
