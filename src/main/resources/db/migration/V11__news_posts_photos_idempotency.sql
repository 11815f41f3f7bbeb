-- News posts, photos, read markers and idempotency keys.

-- A news post is a timeline_item of kind NEWS_POST: its text is the summary and its author the
-- app user. updated_at records the last edit. A photo moment from the organisation's system is a
-- timeline_item of kind PHOTO_MOMENT whose source_ref names the FHIR Media it was projected from.
alter table timeline_item add column updated_at timestamptz;
alter table timeline_item add column source_ref text;
create unique index timeline_item_source on timeline_item (client_id, source_ref) where source_ref is not null;

-- A photo: uploaded by an app user (uploaded_by) or imported from a FHIR Media (uploaded_by null).
-- An uploaded photo has no timeline_item_id until a news post takes it; unused uploads expire.
-- The image bytes live in a PhotoStore under the photo's id, not in this table.
create table photo (
    id                   uuid primary key,
    client_id            uuid        not null references client,
    uploaded_by          uuid references app_user,
    timeline_item_id     uuid references timeline_item on delete cascade,
    -- Order of the photo within its post, from 0.
    position             smallint,
    content_type         text        not null check (content_type in ('image/jpeg', 'image/png')),
    width                integer     not null,
    height               integer     not null,
    size_bytes           integer     not null,
    thumbnail_width      integer     not null,
    thumbnail_height     integer     not null,
    thumbnail_size_bytes integer     not null,
    created_at           timestamptz not null
);
create index photo_timeline_item on photo (timeline_item_id, position);
create index photo_unattached on photo (created_at) where timeline_item_id is null;

-- Image bytes of the PostgreSQL PhotoStore: one row per photo and variant (FULL, THUMBNAIL).
-- No foreign key to photo, so the store stays replaceable by an object store.
create table photo_blob (
    photo_id uuid  not null,
    variant  text  not null check (variant in ('FULL', 'THUMBNAIL')),
    content  bytea not null,
    primary key (photo_id, variant)
);

-- The newest timeline item a member has read, set by the app; unread counts start after it.
create table timeline_read_marker (
    membership_id uuid primary key references membership on delete cascade,
    occurred_at   timestamptz not null,
    item_id       uuid        not null,
    updated_at    timestamptz not null
);

-- Idempotency-Key records of unsafe POSTs: one per (caller scope, key). The row is written in the
-- same transaction as the effect, with the response that a retry gets back.
create table idempotency_record (
    scope           text        not null,
    idempotency_key text        not null,
    -- SHA-256 (hex) of the operation and the request body.
    request_hash    text        not null,
    -- Filled in the same transaction as the insert, after the effect; never seen null by another transaction.
    response_status integer,
    response_body   text,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    primary key (scope, idempotency_key)
);
create index idempotency_record_expiry on idempotency_record (expires_at);
