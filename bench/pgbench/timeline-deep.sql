-- TimelineService.olderThan for client 0 from a cursor 100,000 to 100,200 items deep: the
-- cursor's time is drawn from that range, with the largest id so no row at that time is skipped.
\set at random(:deep_from, :deep_to)
select t.id, t.kind, t.occurred_at, t.summary, t.author_name, t.updated_at,
       t.author_user_id is not null and t.author_user_id = md5('user:' || :u)::uuid as own_post,
       r.id as report_id, r.title as report_title, left(r.sections -> 0 ->> 'text', 300) as report_text,
       m.id as measurement_id, m.name as measurement_name, m.value as measurement_value,
       m.unit as measurement_unit, m.value_text as measurement_value_text
  from timeline_item t
  left join report r on t.kind = 'REPORT' and r.id = t.ref_id and r.client_id = t.client_id
  left join measurement m on t.kind = 'MEASUREMENT' and m.id = t.ref_id and m.client_id = t.client_id
 where t.client_id = md5('client:0')::uuid
   and (t.occurred_at, t.id) < (to_timestamp(:at / 1000000.0), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)
 order by t.occurred_at desc, t.id desc limit 51;
\set n1 :r + 1
\set n2 :r + 2
\set n3 :r + 3
select p.timeline_item_id, p.id, p.content_type, p.width, p.height, p.thumbnail_width, p.thumbnail_height
  from photo p
 where p.timeline_item_id in (md5('ti-deep:' || :r)::uuid, md5('ti-deep:' || :n1)::uuid,
                              md5('ti-deep:' || :n2)::uuid, md5('ti-deep:' || :n3)::uuid)
 order by p.timeline_item_id, p.position;
