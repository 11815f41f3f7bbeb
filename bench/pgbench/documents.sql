-- DocumentService.documents, newest page of 20 (the default page size).
select id, title, category, content_type, size_bytes, created_at
  from document
 where client_id = md5('client:' || :c)::uuid
 order by created_at desc, id desc limit 21;
