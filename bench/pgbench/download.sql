-- DocumentService.content of a 1 MB document.
select d.title, d.content_type, c.content
  from document d
  join document_content c on c.document_id = d.id
 where d.client_id = md5('client:' || :c)::uuid and d.id = md5('document:' || :c)::uuid;
