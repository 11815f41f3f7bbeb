-- ReportService.reports, newest page of 50.
select id, category, title, author_name, sections::text as sections, reported_at
  from report
 where client_id = md5('client:' || :c)::uuid
 order by reported_at desc, id desc limit 51;
