-- Shared by every read replay: the terms-of-use gate (TermsGate) and the membership check
-- (MembershipGuard), each in its own implicit transaction as the application runs them, then the
-- request's transaction begins. Ids are md5 UUIDs as in bench/sql/generate.sql.
select v.id
  from login_session s
  join membership m on m.user_id = s.user_id and m.status = 'ACTIVE'
  join client cl on cl.id = m.client_id
  join terms_version v on v.organisation_id = cl.organisation_id
 where s.id = md5('session:' || :u)::uuid and s.user_id = md5('user:' || :u)::uuid and s.revoked_at is null
   and v.effective_date = (select max(l.effective_date) from terms_version l
                            where l.organisation_id = cl.organisation_id and l.effective_date <= current_date)
   and not exists (select 1 from terms_acceptance a where a.user_id = s.user_id and a.terms_version_id = v.id)
 order by v.effective_date, v.id
 limit 1;
select s.revoked_at is null, m.id, m.role, m.status, m.basis,
       f.any_open_care, f.last_care_end, f.termination_ends_on, f.blocked
  from login_session s
  left join membership m on m.user_id = s.user_id and m.client_id = md5('client:' || :c)::uuid
  left join membership_access_facts f on f.membership_id = m.id
 where s.id = md5('session:' || :u)::uuid and s.user_id = md5('user:' || :u)::uuid;
begin;
