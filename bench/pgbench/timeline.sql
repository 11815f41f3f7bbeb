-- TimelineService.olderThan, newest page of 50, and the photos of the news posts on it.
select t.id, t.kind, t.occurred_at, t.summary, t.author_name, t.updated_at,
       t.author_user_id is not null and t.author_user_id = md5('user:' || :u)::uuid as own_post,
       r.id as report_id, r.title as report_title, left(r.sections -> 0 ->> 'text', 300) as report_text,
       m.id as measurement_id, m.name as measurement_name, m.value as measurement_value,
       m.unit as measurement_unit, m.value_text as measurement_value_text
  from timeline_item t
  left join report r on t.kind = 'REPORT' and r.id = t.ref_id and r.client_id = t.client_id
  left join measurement m on t.kind = 'MEASUREMENT' and m.id = t.ref_id and m.client_id = t.client_id
 where t.client_id = md5('client:' || :c)::uuid
 order by t.occurred_at desc, t.id desc limit 51;
\set n1 :c + :clients
\set n2 :c + 2 * :clients
\set n3 :c + 3 * :clients
select p.timeline_item_id, p.id, p.content_type, p.width, p.height, p.thumbnail_width, p.thumbnail_height
  from photo p
 where p.timeline_item_id in (md5('ti-news:' || :c)::uuid, md5('ti-news:' || :n1)::uuid,
                              md5('ti-news:' || :n2)::uuid, md5('ti-news:' || :n3)::uuid)
 order by p.timeline_item_id, p.position;
