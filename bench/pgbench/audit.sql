-- The audit entry of the request (AuditLog), then the commit.
insert into audit_entry (id, occurred_at, event, action, outcome, actor_type, actor_id, actor_role,
                         client_id, on_behalf_of, object_type, object_id, session_id, client_ip)
values (gen_random_uuid(), now(), '@EVENT@', 'READ', 'SUCCESS', 'APP_USER', md5('user:' || :u)::uuid::text, 'FULL_ACCESS',
        md5('client:' || :c)::uuid, null, 'replay', null, md5('session:' || :u)::uuid, '127.0.0.1');
commit;
