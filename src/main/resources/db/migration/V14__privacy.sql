-- Privacy (AVG/GDPR): erasure of an app user's account and removal of dossier data of clients
-- whose memberships have all ended.

-- An erased account stays as a tombstone row, so memberships, audit entries and terms acceptances
-- that name the user id still resolve, to "deleted user". Its personal data is cleared.
alter table app_user add column erased_at timestamptz;
alter table app_user alter column name drop not null;
alter table app_user alter column email drop not null;
alter table app_user alter column mobile drop not null;
alter table app_user add constraint app_user_personal_data_unless_erased
    check (erased_at is not null or (name is not null and email is not null and mobile is not null));

-- An erased account's devices keep their row (login sessions refer to them) without key or PIN hash.
alter table device alter column name drop not null;
alter table device alter column public_key drop not null;
alter table device alter column pin_hash drop not null;
alter table device add constraint device_key_unless_destroyed
    check (destroyed_at is not null or (name is not null and public_key is not null and pin_hash is not null));

-- Where the organisation wants privacy notices, such as "a client lost its last administrator
-- because that person erased their account". Null: the notice is only logged.
alter table organisation add column privacy_contact_email text;

-- When the dossier data mirrored from the ECD was last removed because every membership of the
-- client had ended. The removal runs again only after a later membership has ended.
alter table client add column dossier_purged_at timestamptz;
