-- Terms of use: the versions an organisation publishes and which app user accepted which version.
-- A version takes effect at 00:00 Europe/Amsterdam on its effective date. From then on, a user
-- with an active membership of one of the organisation's clients must have accepted it.
create table terms_version (
    id              uuid primary key,
    organisation_id uuid        not null references organisation,
    version_label   text        not null,
    text            text        not null,
    -- Dutch calendar date on which the version takes effect.
    effective_date  date        not null,
    published_at    timestamptz not null,
    -- One version per label and per effective date, so "the latest version in effect" is never ambiguous.
    unique (organisation_id, version_label),
    unique (organisation_id, effective_date)
);

-- The record that a user accepted a version, and when; written once, never updated.
create table terms_acceptance (
    user_id          uuid        not null references app_user,
    terms_version_id uuid        not null references terms_version,
    accepted_at      timestamptz not null,
    primary key (user_id, terms_version_id)
);
