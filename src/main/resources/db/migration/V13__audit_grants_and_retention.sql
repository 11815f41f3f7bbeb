-- N2: the application's own database role, which may only read and append audit entries, and
-- retention of audit entries: at least 5 years, removed afterwards only when the organisation
-- configured a maximum retention, and only through audit_entry_purge.

-- Roles are cluster-wide: create the role only when it is missing, so this migration also runs on
-- a server where another database of this application created it. NOLOGIN: production logs in
-- as its own login role that is a member of clientapp_app (see README, "Database roles").
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'clientapp_app') then
        create role clientapp_app nologin;
    end if;
exception
    -- Another database on the same server created it at the same moment.
    when duplicate_object then null;
end;
$$;

-- Maximum retention of the audit entries of one organisation's clients, set by the organisation.
-- Without a row entries are kept indefinitely.
create table audit_retention (
    organisation_id     uuid primary key references organisation,
    max_retention_years integer     not null check (max_retention_years between 5 and 100),
    updated_at          timestamptz not null,
    -- The integrator that set it.
    updated_by          uuid        not null
);

-- The only way to remove audit entries. SECURITY DEFINER, so it runs as the owner of the schema
-- (the role Flyway migrates as) while the application role has no DELETE privilege on
-- audit_entry. It never removes an entry younger than 5 years, whatever cutoff it is given, and
-- only entries about clients of the given organisation.
create function audit_entry_purge(p_organisation uuid, p_before timestamptz, p_limit integer)
    returns integer
    language plpgsql
    security definer as $$
declare
    cutoff  timestamptz := least(p_before, now() - interval '5 years');
    removed integer;
begin
    if p_limit is null or p_limit < 1 or p_limit > 10000 then
        raise exception 'audit_entry_purge: limit must be between 1 and 10000' using errcode = 'invalid_parameter_value';
    end if;
    -- Transaction-local: audit_entry_reject_change lets deletes through only while this is on.
    perform set_config('clientapp.audit_purge', 'on', true);
    delete from audit_entry
     where id in (select a.id
                    from audit_entry a
                    join client c on c.id = a.client_id
                   where c.organisation_id = p_organisation
                     and a.occurred_at < cutoff
                   order by a.occurred_at
                   limit p_limit);
    get diagnostics removed = row_count;
    perform set_config('clientapp.audit_purge', 'off', true);
    return removed;
end;
$$;

-- A SECURITY DEFINER function must not resolve names through a schema its callers can write to.
do $$
begin
    execute format('alter function audit_entry_purge(uuid, timestamptz, integer) set search_path = %I, pg_temp', current_schema());
end;
$$;

revoke all on function audit_entry_purge(uuid, timestamptz, integer) from public;
grant execute on function audit_entry_purge(uuid, timestamptz, integer) to clientapp_app;

-- Replaces the V9 trigger function: a delete passes only inside audit_entry_purge, which sets
-- the flag and runs as the table owner. Setting the flag alone does not help another role,
-- because the check also requires the table owner as current user. Updates and truncation stay
-- rejected for everyone.
create or replace function audit_entry_reject_change() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE'
       and current_setting('clientapp.audit_purge', true) = 'on'
       and current_user = (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = tg_relid) then
        return old;
    end if;
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

-- Grants of the application role: what the application reads and writes, in the schema Flyway
-- migrates; tables of later migrations get the same by default privileges.
do $$
declare
    schema_name text := current_schema();
begin
    execute format('grant usage on schema %I to clientapp_app', schema_name);
    execute format('grant select, insert, update, delete on all tables in schema %I to clientapp_app', schema_name);
    execute format('grant usage, select on all sequences in schema %I to clientapp_app', schema_name);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to clientapp_app', schema_name);
    execute format('alter default privileges in schema %I grant usage, select on sequences to clientapp_app', schema_name);
    if to_regclass(format('%I.flyway_schema_history', schema_name)) is not null then
        execute format('revoke all on %I.flyway_schema_history from clientapp_app', schema_name);
    end if;
end;
$$;

-- N2: on audit_entry the application only reads and appends.
revoke all on audit_entry from public;
revoke all on audit_entry from clientapp_app;
grant select, insert on audit_entry to clientapp_app;
