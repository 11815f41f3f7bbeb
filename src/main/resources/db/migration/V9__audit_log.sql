-- NEN 7513 audit log: one row per read or change of a client's dossier data, and per denied
-- attempt. Rows hold ids only, never names or dossier text. The table is append-only.
create table audit_entry (
    id           uuid primary key,
    occurred_at  timestamptz not null,
    -- What happened, such as 'dossier.reports.read' or 'membership.access-ended'.
    event        text        not null,
    action       text        not null check (action in ('READ', 'CREATE', 'UPDATE', 'DELETE', 'EXPORT')),
    outcome      text        not null check (outcome in ('SUCCESS', 'DENIED')),
    actor_type   text        not null check (actor_type in ('APP_USER', 'INTEGRATOR', 'SYSTEM')),
    -- The app user or integrator id, or the name of the system job.
    actor_id     text        not null,
    -- The membership role of an app user; null when unknown, such as for a non-member.
    actor_role   text,
    -- No foreign key: a denied attempt may name a client that does not exist.
    client_id    uuid        not null,
    on_behalf_of uuid,
    object_type  text        not null,
    object_id    text,
    -- The login session, which is bound to one device; null for integrators and jobs.
    session_id   uuid,
    client_ip    text
);

create index audit_entry_client_time on audit_entry (client_id, occurred_at desc, id desc);

-- Rejects every change of a written entry, also for a superuser or the table owner.
-- NOTE: a later migration grants the application's own database role only SELECT and INSERT
-- on audit_entry; until then these triggers are the only protection.
create function audit_entry_reject_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_reject_change();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_reject_change();
