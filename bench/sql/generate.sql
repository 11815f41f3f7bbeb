-- Fills an empty CliëntApp database (schema from Flyway) with a generated care organisation.
-- Run with psql -v scale=1.0 (1.0 = 10,000 clients) -v deep=150000 (timeline items of the deep
-- client). Every row is built inside PostgreSQL with generate_series, so no row passes through
-- the API or the network. Names and texts are drawn from word lists; no real person is in it.
-- Ids are md5-derived UUIDs of a row number, so a run with the same scale yields the same ids.
\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
set maintenance_work_mem = '256MB';

-- Deterministic UUID from a table tag and a number: the bench driver rebuilds the same ids.
create or replace function pg_temp.bid(tag text, n bigint) returns uuid
    language sql immutable as $$ select md5(tag || ':' || n)::uuid $$;

-- Picks one element of a word list by a number, so texts vary without random().
create or replace function pg_temp.pick(words text[], n bigint) returns text
    language sql immutable as $$ select words[1 + (abs(n) % array_length(words, 1))] $$;

-- A Dutch-sounding sentence of generated words, varied by n.
create or replace function pg_temp.zin(n bigint) returns text
    language sql immutable as $$
    select pg_temp.pick(array['Mevrouw', 'Meneer', 'Cliënt', 'De bewoner', 'Zij', 'Hij'], n)
        || ' ' || pg_temp.pick(array['heeft goed geslapen', 'at de hele maaltijd op', 'was onrustig in de middag',
                                     'wandelde met de vrijwilliger', 'kreeg bezoek van familie', 'deed mee aan de activiteit',
                                     'had pijn in de knie', 'was vrolijk en spraakzaam', 'dronk voldoende', 'rustte na de lunch'], n / 7)
        || ' ' || pg_temp.pick(array['vandaag.', 'vanochtend.', 'na het ontbijt.', 'in de huiskamer.', 'op de gang.',
                                     'tijdens de avonddienst.', 'samen met de EVV.', 'zonder hulp.'], n / 71)
$$;

create or replace function pg_temp.tekst(n bigint, sentences int) returns text
    language sql immutable as $$
    select string_agg(pg_temp.zin(n * 31 + s), ' ') from generate_series(1, sentences) s
$$;

create or replace function pg_temp.naam(n bigint) returns text
    language sql immutable as $$
    select pg_temp.pick(array['Anna', 'Jan', 'Sanne', 'Pieter', 'Fatima', 'Mohamed', 'Els', 'Kees', 'Ingrid', 'Henk',
                              'Lotte', 'Daan', 'Noor', 'Bram', 'Yara', 'Ruud', 'Marieke', 'Joost', 'Wilma', 'Sem'], n)
        || ' ' || pg_temp.pick(array['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder',
                                     'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer',
                                     'de Wit', 'Dijkstra', 'Smits', 'van Dijk', 'Yilmaz', 'El Amrani'], n / 20)
$$;

select (10000 * :scale)::int as clients,
       (50000 * :scale)::int as users,
       (1000000 * :scale)::int as reports,
       (200000 * :scale)::int as measurements,
       (800000 * :scale)::int as news_posts,
       (300000 * :scale)::int as appointments,
       (50000 * :scale)::int as documents,
       (1000000 * :scale)::int as audit_entries,
       :deep::int as deep
\gset

-- Timestamps run from 2021-01-01 to the day of the run; the reference instant keeps them apart.
select extract(epoch from now() - timestamptz '2021-01-01')::bigint as span_seconds \gset

begin;

insert into organisation (id, name, created_at)
values (pg_temp.bid('org', 1), 'Zorggroep Benchmark (gegenereerd)', timestamptz '2020-06-01');

insert into client (id, organisation_id, fhir_patient_id, display_name, birth_date, personal_details, created_at, updated_at)
select pg_temp.bid('client', i), pg_temp.bid('org', 1), 'bench-patient-' || i, pg_temp.naam(i * 7 + 3),
       date '1925-01-01' + (i * 37 % 25000)::int,
       jsonb_build_object('address', 'Dorpsstraat ' || (i % 200 + 1) || ', Zwolle', 'gender', case when i % 2 = 0 then 'female' else 'male' end),
       timestamptz '2021-01-01' + (i % 1000) * interval '1 day', now()
  from generate_series(0::bigint, :clients - 1) i;

-- Open care relationships, so no membership ends while the benchmark runs.
insert into care_relationship (id, client_id, source_ref, status, start_date, end_date, updated_at)
select pg_temp.bid('care', i), pg_temp.bid('client', i), 'EpisodeOfCare/bench-' || i, 'active',
       date '2021-01-01' + (i % 1000)::int, null, now()
  from generate_series(0::bigint, :clients - 1) i;

insert into app_user (id, name, email, mobile, language, created_at)
select pg_temp.bid('user', u), pg_temp.naam(u), 'gebruiker' || u || '@bench.test',
       '+316' || lpad((10000000 + u)::text, 8, '0'), case when u % 10 = 0 then 'en' else 'nl' end,
       timestamptz '2021-01-01' + (u % 1400) * interval '1 day'
  from generate_series(0::bigint, :users - 1) u;

-- User u follows client u % clients; the first user of each client administers it, every third
-- follows only the timeline. One user in ten also follows a second client.
insert into membership (id, user_id, client_id, role, relation, basis, status, created_at)
select pg_temp.bid('membership', u), pg_temp.bid('user', u), pg_temp.bid('client', u % :clients),
       case when u < :clients then 'FULL_ACCESS_ADMIN' when u % 3 = 0 then 'TIMELINE_ONLY' else 'FULL_ACCESS' end,
       pg_temp.pick(array['dochter', 'zoon', 'partner', 'kleinkind', 'buurvrouw', 'contactpersoon'], u),
       case when u < :clients then 'CONTACT_PERSON' else 'INVITED' end, 'ACTIVE',
       timestamptz '2021-01-01' + (u % 1400) * interval '1 day'
  from generate_series(0::bigint, :users - 1) u;

insert into membership (id, user_id, client_id, role, relation, basis, status, created_at)
select pg_temp.bid('membership2', u), pg_temp.bid('user', u), pg_temp.bid('client', (u + 7) % :clients),
       'FULL_ACCESS', 'kleinkind', 'INVITED', 'ACTIVE', timestamptz '2022-01-01' + (u % 900) * interval '1 day'
  from generate_series(0::bigint, :users - 1) u
 where u % 10 = 5 and (u + 7) % :clients <> u % :clients;

-- Every user has one device and one active login session; one in five has an older revoked one.
-- These devices carry placeholder keys and hashes: the bench driver replaces them for the
-- devices it logs in with.
insert into device (id, user_id, name, public_key, pin_hash, created_at, last_login_at)
select pg_temp.bid('device', u), pg_temp.bid('user', u), pg_temp.pick(array['iPhone', 'Pixel', 'Galaxy', 'iPad'], u),
       decode(md5('key' || u), 'hex'), '$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder',
       timestamptz '2021-01-01' + (u % 1400) * interval '1 day', now() - (u % 30) * interval '1 day'
  from generate_series(0::bigint, :users - 1) u;

insert into login_session (id, user_id, created_at, device_id)
select pg_temp.bid('session', u), pg_temp.bid('user', u), now() - (u % 30) * interval '1 day', pg_temp.bid('device', u)
  from generate_series(0::bigint, :users - 1) u;

insert into login_session (id, user_id, created_at, revoked_at, revoke_reason, device_id)
select pg_temp.bid('old-session', u), pg_temp.bid('user', u), timestamptz '2021-06-01' + (u % 900) * interval '1 day',
       timestamptz '2021-06-02' + (u % 900) * interval '1 day', 'LOGOUT', pg_temp.bid('device', u)
  from generate_series(0::bigint, :users - 1) u
 where u % 5 = 0;

commit;

begin;
-- Reports, spread over the clients and over the years since 2021.
insert into report (id, client_id, source_ref, category, title, author_name, sections, reported_at, updated_at)
select pg_temp.bid('report', r), pg_temp.bid('client', r % :clients), 'Composition/bench-' || r,
       pg_temp.pick(array['CARE', 'CARE', 'WELLBEING', 'TREATMENT'], r),
       pg_temp.pick(array['Dagrapportage', 'Avondrapportage', 'Nachtrapportage', 'Evaluatie', 'Welzijn'], r / 3),
       pg_temp.naam(r / 11),
       jsonb_build_array(
           jsonb_build_object('code', 'S', 'title', 'Subjectief', 'text', pg_temp.tekst(r, 3)),
           jsonb_build_object('code', 'O', 'title', 'Objectief', 'text', pg_temp.tekst(r + 1, 2)),
           jsonb_build_object('code', 'E', 'title', 'Evaluatie', 'text', pg_temp.tekst(r + 2, 1)),
           jsonb_build_object('code', 'P', 'title', 'Plan', 'text', pg_temp.tekst(r + 3, 1))),
       timestamptz '2021-01-01' + (r * 7919 % :span_seconds) * interval '1 second',
       now()
  from generate_series(0::bigint, :reports - 1) r;

insert into timeline_item (id, client_id, kind, occurred_at, ref_id, author_name, summary, created_at)
select pg_temp.bid('ti-report', split_part(rp.source_ref, '-', 2)::bigint), rp.client_id, 'REPORT', rp.reported_at,
       rp.id, rp.author_name, rp.title, rp.reported_at
  from report rp;
commit;

begin;
insert into measurement (id, client_id, source_ref, code_system, code, name, value, unit, value_text, components, measured_at, updated_at)
select pg_temp.bid('measurement', m), pg_temp.bid('client', m % :clients), 'Observation/bench-' || m, 'http://loinc.org',
       (array['29463-7', '8310-5', '8867-4', '85354-9'])[1 + m % 4],
       (array['Gewicht', 'Temperatuur', 'Hartslag', 'Bloeddruk'])[1 + m % 4],
       case m % 4 when 0 then 55 + (m % 40) when 1 then 36 + (m % 20) / 10.0 when 2 then 55 + m % 50 else null end,
       (array['kg', 'Cel', '/min', null])[1 + m % 4],
       null,
       case when m % 4 = 3 then jsonb_build_array(
                jsonb_build_object('name', 'Systolisch', 'value', 110 + m % 40, 'unit', 'mm[Hg]'),
                jsonb_build_object('name', 'Diastolisch', 'value', 65 + m % 25, 'unit', 'mm[Hg]')) end,
       timestamptz '2021-01-01' + (m * 104729 % :span_seconds) * interval '1 second',
       now()
  from generate_series(0::bigint, :measurements - 1) m;

insert into timeline_item (id, client_id, kind, occurred_at, ref_id, summary, created_at)
select pg_temp.bid('ti-measurement', split_part(ms.source_ref, '-', 2)::bigint), ms.client_id, 'MEASUREMENT',
       ms.measured_at, ms.id, ms.name, ms.measured_at
  from measurement ms;
commit;

begin;
-- News posts by the clients' members: user p % users follows client p % clients, because the
-- number of users is a multiple of the number of clients.
insert into timeline_item (id, client_id, kind, occurred_at, author_user_id, author_name, summary, created_at, updated_at)
select pg_temp.bid('ti-news', p), pg_temp.bid('client', p % :clients), 'NEWS_POST', t, pg_temp.bid('user', p % :users),
       pg_temp.naam(p % :users), pg_temp.tekst(p + 5, 2), t, t
  from generate_series(0::bigint, :news_posts - 1) p,
       lateral (select timestamptz '2021-01-01' + (p * 15485863 % :span_seconds) * interval '1 second') o(t);

-- The deep client (number 0) gets :deep more items, so a cursor 100,000 items down exists.
insert into timeline_item (id, client_id, kind, occurred_at, author_user_id, author_name, summary, created_at, updated_at)
select pg_temp.bid('ti-deep', d), pg_temp.bid('client', 0), 'NEWS_POST', t, pg_temp.bid('user', 0),
       pg_temp.naam(0), pg_temp.tekst(d + 9, 2), t, t
  from generate_series(0::bigint, :deep - 1) d,
       lateral (select now() - (d * 600 + 60) * interval '1 second') o(t);
commit;

begin;
-- Agenda: appointments from a year back to a year ahead.
insert into appointment (id, client_id, source_ref, status, title, description, starts_at, ends_at, location, participants, updated_at)
select pg_temp.bid('appointment', a), pg_temp.bid('client', a % :clients), 'Appointment/bench-' || a, 'booked',
       pg_temp.pick(array['Fysiotherapie', 'Bezoek huisarts', 'Kapper', 'Evaluatiegesprek', 'Tandarts', 'Dagbesteding'], a),
       pg_temp.zin(a), s, s + interval '45 minutes',
       pg_temp.pick(array['Huiskamer 2', 'Behandelkamer', 'Restaurant', 'Eigen kamer'], a / 5),
       jsonb_build_array(jsonb_build_object('name', pg_temp.naam(a / 3), 'role', 'behandelaar')), now()
  from generate_series(0::bigint, :appointments - 1) a,
       lateral (select date_trunc('hour', now() - interval '365 days' + (a * 7907 % (730 * 24)) * interval '1 hour')) o(s);

insert into care_plan_item (id, client_id, source_ref, kind, domain, title, description, status, period_start, updated_at)
select pg_temp.bid('careplan', c), pg_temp.bid('client', c % :clients), 'Goal/bench-' || c,
       (array['PLAN', 'GOAL', 'ACTIVITY'])[1 + c % 3],
       pg_temp.pick(array['Mobiliteit', 'Voeding', 'Welbevinden', 'Huid'], c / 3),
       pg_temp.zin(c + 3), pg_temp.tekst(c, 2), 'active', date '2023-01-01' + (c % 600)::int, now()
  from generate_series(0::bigint, :clients * 6 - 1) c;

insert into network_member (id, client_id, source_ref, kind, name, relation, role_description, organisation_name, phone, updated_at)
select pg_temp.bid('network', n), pg_temp.bid('client', n % :clients), 'RelatedPerson/bench-' || n,
       case when n % 2 = 0 then 'RELATIVE' else 'PROFESSIONAL' end, pg_temp.naam(n + 101),
       pg_temp.pick(array['dochter', 'zoon', 'EVV', 'huisarts', 'fysiotherapeut'], n), null,
       case when n % 2 = 1 then 'Zorggroep Benchmark' end, '+3110' || lpad((n % 10000000)::text, 7, '0'), now()
  from generate_series(0::bigint, :clients * 4 - 1) n;

insert into profile_section (client_id, kind, source_ref, text, updated_at)
select pg_temp.bid('client', i), k, 'DocumentReference/bench-' || k || '-' || i, pg_temp.tekst(i, 8), now()
  from generate_series(0::bigint, :clients - 1) i, unnest(array['LIFE_STORY', 'OVERALL_PICTURE']) k;
commit;

begin;
-- Documents: most a few kilobytes, every document of clients 0..99 with number < 100 about 1 MB.
-- The content is md5 text, which pglz cannot shrink much, so a 1 MB download reads about 1 MB.
insert into document (id, client_id, source_ref, title, category, content_type, size_bytes, created_at, updated_at)
select pg_temp.bid('document', d), pg_temp.bid('client', d % :clients), 'DocumentReference/bench-doc-' || d,
       pg_temp.pick(array['Zorgplan', 'Ondersteuningsplan', 'Brief huisarts', 'Verslag MDO', 'Zorgovereenkomst'], d) || ' ' || (2021 + d % 5),
       pg_temp.pick(array['zorgplan', 'correspondentie', 'overeenkomst'], d), 'application/pdf',
       case when d < 100 then 1048576 else 2048 + (d % 8) * 512 end,
       timestamptz '2021-01-01' + (d * 7877 % :span_seconds) * interval '1 second', now()
  from generate_series(0::bigint, :documents - 1) d;

insert into document_content (document_id, content)
select pg_temp.bid('document', d),
       (select decode(string_agg(md5(d || ':' || b), ''), 'hex')
          from generate_series(1::bigint, case when d < 100 then 65536 else (2048 + (d % 8) * 512) / 16 end) b)
  from generate_series(0::bigint, :documents - 1) d;
commit;

begin;
-- Audit history: reads by members and imports by the organisation's system over the years.
insert into audit_entry (id, occurred_at, event, action, outcome, actor_type, actor_id, actor_role, client_id,
                         on_behalf_of, object_type, object_id, session_id, client_ip)
select pg_temp.bid('audit', e), timestamptz '2021-01-01' + (e * 6151 % :span_seconds) * interval '1 second',
       case when e % 4 = 3 then 'fhir.import' else pg_temp.pick(array['timeline.read', 'dossier.reports.read', 'dossier.agenda.read'], e) end,
       case when e % 4 = 3 then 'CREATE' else 'READ' end, 'SUCCESS',
       case when e % 4 = 3 then 'INTEGRATOR' else 'APP_USER' end,
       case when e % 4 = 3 then pg_temp.bid('integrator', 1)::text else pg_temp.bid('user', e % :users)::text end,
       case when e % 4 = 3 then 'fhir:write' else 'FULL_ACCESS' end,
       pg_temp.bid('client', e % :clients),
       case when e % 4 = 3 then pg_temp.bid('org', 1) end,
       case when e % 4 = 3 then 'Observation' else 'timeline' end, null,
       case when e % 4 = 3 then null else pg_temp.bid('session', e % :users) end,
       '192.0.2.' || (e % 250 + 1)
  from generate_series(0::bigint, :audit_entries - 1) e;
commit;

vacuum analyze;
