-- End of access: written termination requests, misuse blocks, the rule every request applies,
-- and the e-mails sent before and when access ends. Nothing here deletes dossier data.

-- A written request to end access, registered by the organisation. Access ends at 00:00
-- Europe/Amsterdam on access_ends_on: the requested effective date, but at the latest 6 weeks
-- after the date the request was received.
create table termination_request (
    id                 uuid primary key,
    organisation_id    uuid        not null references organisation,
    client_id          uuid        not null references client,
    -- The one member the request is about; null when the client asked to end every member's access.
    membership_id      uuid references membership,
    received_on        date        not null,
    -- The effective date the request asked for, if earlier than 6 weeks after received_on.
    requested_end_on   date,
    access_ends_on     date        not null,
    created_at         timestamptz not null,
    created_by         uuid        not null references integrator_client,
    -- Idempotency-Key header and SHA-256 of the request body, so a retry returns the same result.
    idempotency_key    text,
    request_hash       text,
    check (access_ends_on <= received_on + 42)
);
create index termination_request_client on termination_request (client_id);
create unique index termination_request_idempotency on termination_request (organisation_id, idempotency_key)
    where idempotency_key is not null;

-- The memberships a termination request ends: the named one, or every membership of the client
-- that was active when the request was registered. Members registered later are not affected.
create table membership_termination (
    membership_id          uuid not null references membership,
    termination_request_id uuid not null references termination_request,
    access_ends_on         date not null,
    primary key (membership_id, termination_request_id)
);

-- A misuse block: the user loses access to one client, or to every client of the organisation
-- when client_id is null, from the next request on, until the block is lifted.
create table access_block (
    id              uuid primary key,
    organisation_id uuid        not null references organisation,
    user_id         uuid        not null references app_user,
    client_id       uuid references client,
    reason          text        not null,
    created_at      timestamptz not null,
    created_by      uuid        not null references integrator_client,
    lifted_at       timestamptz,
    lifted_by       uuid references integrator_client
);
create index access_block_user on access_block (user_id);

-- Who or what ended a membership, next to ended_at and end_reason: for example 'access-end-job'.
alter table membership add column ended_by text;

-- The facts that decide whether a membership still grants access, one row per membership. The
-- per-request check, the client list and the end-of-access job all read this view, so they apply
-- the same rule. Dates are Europe/Amsterdam calendar dates; the application turns them into
-- instants (access ends at 00:00 Europe/Amsterdam).
create view membership_access_facts as
select m.id as membership_id,
       (select bool_or(cr.end_date is null) from care_relationship cr where cr.client_id = m.client_id) as any_open_care,
       (select max(cr.end_date) from care_relationship cr where cr.client_id = m.client_id) as last_care_end,
       (select min(mt.access_ends_on) from membership_termination mt where mt.membership_id = m.id) as termination_ends_on,
       exists (select 1
                 from access_block b
                 join client c on c.id = m.client_id
                where b.user_id = m.user_id and b.lifted_at is null
                  and (b.client_id = m.client_id or (b.client_id is null and b.organisation_id = c.organisation_id))) as blocked
  from membership m;

-- E-mails about the end of access that were sent, or claimed by a job run about to send them.
-- The primary key lets only one instance and one run claim each notice: a WARNING is sent once
-- per membership and announced end date, an ENDED notice once per membership.
create table access_end_notice (
    membership_id  uuid        not null references membership,
    kind           text        not null check (kind in ('WARNING', 'ENDED')),
    access_ends_on date        not null,
    created_at     timestamptz not null,
    primary key (membership_id, kind, access_ends_on)
);
create unique index access_end_notice_ended on access_end_notice (membership_id) where kind = 'ENDED';
