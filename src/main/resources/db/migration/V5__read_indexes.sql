-- Indexes for the app's filtered read lists, so a filter keeps the keyset order of the
-- unfiltered list: reports of one category and measurements of one code, newest first.
create index report_client_category_time on report (client_id, category, reported_at desc, id desc);
create index measurement_client_code_time on measurement (client_id, code, measured_at desc, id desc);
