-- FHIR resources as received, and the read models the app's screens are built from.
-- A mapping change can rebuild the read models from fhir_resource; re-sending an unchanged
-- resource is a no-op because its content hash matches.

create table fhir_resource (
    id              uuid primary key,
    organisation_id uuid        not null references organisation,
    resource_type   text        not null,
    resource_id     text        not null,
    version_id      integer     not null,
    content         jsonb       not null,
    -- SHA-256 of the canonical JSON, hex.
    content_hash    text        not null,
    -- 'Patient/{id}' of the client the resource is about, when it names one.
    patient_ref     text,
    -- client_id of the integrator that sent the last version.
    source          text        not null,
    received_at     timestamptz not null,
    unique (organisation_id, resource_type, resource_id)
);
create index fhir_resource_patient on fhir_resource (organisation_id, patient_ref);

-- Each read-model row keeps source_ref ('Type/id' of the resource it came from), so a re-sent
-- resource updates its row in place and ids stay stable for cursors and links.

create table report (
    id          uuid primary key,
    client_id   uuid        not null references client,
    source_ref  text        not null,
    -- CARE, WELLBEING or TREATMENT (zorg, welzijn, behandeling).
    category    text        not null,
    title       text,
    author_name text,
    -- [{"code": "S", "title": "...", "text": "..."}], in the order of the source.
    sections    jsonb       not null,
    reported_at timestamptz not null,
    updated_at  timestamptz not null,
    unique (client_id, source_ref)
);
create index report_client_time on report (client_id, reported_at desc, id desc);

create table measurement (
    id          uuid primary key,
    client_id   uuid        not null references client,
    source_ref  text        not null,
    code_system text,
    code        text,
    name        text        not null,
    value       numeric,
    unit        text,
    value_text  text,
    -- Parts of a composite measurement such as blood pressure: [{"name", "value", "unit"}].
    components  jsonb,
    measured_at timestamptz not null,
    updated_at  timestamptz not null,
    unique (client_id, source_ref)
);
create index measurement_client_time on measurement (client_id, measured_at desc, id desc);

create table care_plan_item (
    id           uuid primary key,
    client_id    uuid        not null references client,
    source_ref   text        not null,
    -- PLAN, GOAL or ACTIVITY.
    kind         text        not null,
    -- Care domain (for example a care plan's category), when the source states one.
    domain       text,
    title        text        not null,
    description  text,
    status       text,
    period_start date,
    period_end   date,
    updated_at   timestamptz not null,
    unique (client_id, source_ref)
);
create index care_plan_item_client on care_plan_item (client_id);

create table appointment (
    id           uuid primary key,
    client_id    uuid        not null references client,
    source_ref   text        not null,
    status       text,
    title        text,
    description  text,
    starts_at    timestamptz not null,
    ends_at      timestamptz,
    location     text,
    -- [{"name", "role"}]
    participants jsonb,
    updated_at   timestamptz not null,
    unique (client_id, source_ref)
);
create index appointment_client_start on appointment (client_id, starts_at, id);

create table network_member (
    id                uuid primary key,
    client_id         uuid        not null references client,
    source_ref        text        not null,
    -- RELATIVE (relatives, informal carers, volunteers, contact persons) or PROFESSIONAL.
    kind              text        not null,
    name              text        not null,
    relation          text,
    role_description  text,
    organisation_name text,
    phone             text,
    updated_at        timestamptz not null,
    unique (client_id, source_ref)
);
create index network_member_client on network_member (client_id);

create table document (
    id           uuid primary key,
    client_id    uuid        not null references client,
    source_ref   text        not null,
    title        text        not null,
    category     text,
    content_type text        not null,
    size_bytes   bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (client_id, source_ref)
);
create index document_client_time on document (client_id, created_at desc, id desc);

-- Kept apart from document so that listing documents never reads their content.
create table document_content (
    document_id uuid primary key references document on delete cascade,
    content     bytea not null
);

-- Mijn verhaal (LIFE_STORY) and Beeldvorming (OVERALL_PICTURE).
create table profile_section (
    client_id  uuid        not null references client,
    kind       text        not null check (kind in ('LIFE_STORY', 'OVERALL_PICTURE')),
    source_ref text        not null,
    text       text        not null,
    updated_at timestamptz not null,
    primary key (client_id, kind)
);

-- One table of all timeline items of a client, newest first by (occurred_at, id).
create table timeline_item (
    id             uuid primary key,
    client_id      uuid        not null references client,
    kind           text        not null check (kind in ('NEWS_POST', 'PHOTO_MOMENT', 'REPORT', 'MEASUREMENT')),
    occurred_at    timestamptz not null,
    -- The report or measurement this item shows; null for news posts and photo moments.
    ref_id         uuid,
    -- The app user who wrote a news post; null for items from the ECD.
    author_user_id uuid references app_user,
    author_name    text,
    summary        text,
    created_at     timestamptz not null
);
create index timeline_item_client_order on timeline_item (client_id, occurred_at desc, id desc);
create unique index timeline_item_ref on timeline_item (ref_id) where ref_id is not null;
