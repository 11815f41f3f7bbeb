-- TimelineService.olderThan for client 0 from a cursor 100,000 to 100,200 items deep: the
-- cursor's time is drawn from that range, with the largest id so no row at that time is skipped.
\set at random(:deep_from, :deep_to)
select t.id, t.kind, t.occurred_at, t.summary, t.author_name, t.updated_at,
       t.author_user_id is not null and t.author_user_id = md5('user:' || :u)::uuid as own_post,
       r.id as report_id, r.title as report_title, r.text as report_text,
       m.id as measurement_id, m.name as measurement_name, m.value as measurement_value,
       m.unit as measurement_unit, m.value_text as measurement_value_text,
       case when t.kind in ('NEWS_POST', 'PHOTO_MOMENT') then
           (select coalesce(json_agg(json_build_object('id', p.id, 'contentType', p.content_type,
                       'width', p.width, 'height', p.height, 'thumbnailWidth', p.thumbnail_width,
                       'thumbnailHeight', p.thumbnail_height) order by p.position), '[]')::text
              from photo p where p.timeline_item_id = t.id)
       end as photos
  from (select t.id, t.client_id, t.kind, t.occurred_at, t.ref_id, t.summary, t.author_name,
               t.author_user_id, t.updated_at
          from timeline_item t
         where t.client_id = md5('client:0')::uuid
           and (t.occurred_at, t.id) < (to_timestamp(:at / 1000000.0), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)
         order by t.occurred_at desc, t.id desc limit 51) t
  left join lateral (select r.id, r.title, left(r.sections -> 0 ->> 'text', 300) as text
                       from report r
                      where t.kind = 'REPORT' and r.id = t.ref_id and r.client_id = t.client_id) r on true
  left join lateral (select m.id, m.name, m.value, m.unit, m.value_text
                       from measurement m
                      where t.kind = 'MEASUREMENT' and m.id = t.ref_id and m.client_id = t.client_id) m on true
 order by t.occurred_at desc, t.id desc;
