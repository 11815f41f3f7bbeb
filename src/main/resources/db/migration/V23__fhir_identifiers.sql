-- Business identifiers of stored FHIR resources, so an ECD can address a resource by its own id
-- with a conditional update (PUT /fhir/Patient?identifier=system|value).
--
-- One row per organisation, resource type, system and value: an identifier belongs to one resource
-- of a type. When a second resource of the same type arrives with an identifier another resource
-- already holds, the identifier stays with the first one and the import answers with a warning.
-- The rows go with their fhir_resource row, so the dossier purge removes them too.

create table fhir_identifier (
    resource_row_id uuid not null references fhir_resource on delete cascade,
    organisation_id uuid not null references organisation,
    resource_type   text not null,
    -- '' when the identifier has no system.
    system          text not null,
    value           text not null
);
create unique index fhir_identifier_unique on fhir_identifier (organisation_id, resource_type, system, value);
-- A conditional update may name a value without its system.
create index fhir_identifier_value on fhir_identifier (organisation_id, resource_type, value);
create index fhir_identifier_resource on fhir_identifier (resource_row_id);

-- Identifiers of resources stored before this migration; the oldest holder keeps a shared one.
insert into fhir_identifier (resource_row_id, organisation_id, resource_type, system, value)
select r.id, r.organisation_id, r.resource_type, coalesce(i ->> 'system', ''), i ->> 'value'
  from fhir_resource r
 cross join lateral jsonb_path_query(r.content, 'lax $.identifier[*]') as i
 where jsonb_typeof(i) = 'object' and i ->> 'value' is not null
 order by r.received_at, r.id
    on conflict do nothing;
