-- DossierSectionService.agenda for one week, starting up to 60 days before or after today.
\set day random(-60, 60)
\set day_end :day + 7
select id, status, title, description, starts_at, ends_at, location, participants::text as participants
  from appointment
 where client_id = md5('client:' || :c)::uuid
   and starts_at >= current_date + :day::int and starts_at < current_date + :day_end::int
 order by starts_at, id
 limit 501;
