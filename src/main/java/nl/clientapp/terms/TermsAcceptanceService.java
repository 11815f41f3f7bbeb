package nl.clientapp.terms;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.WebhookEvent;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.problem.ProblemException;

/** Shows app users the terms that apply to them and records their acceptance. */
@ApplicationScoped
class TermsAcceptanceService {

    private static final Logger LOG = Logger.getLogger(TermsAcceptanceService.class);

    // Per organisation of the user's active memberships: the version in effect and the next one.
    private static final String TERMS_QUERY = """
            with organisations as (
                select distinct c.organisation_id
                  from membership m
                  join client c on c.id = m.client_id
                 where m.user_id = :user and m.status = 'ACTIVE'
            ), picked as (
                select o.organisation_id,
                       (select v.id from terms_version v
                         where v.organisation_id = o.organisation_id and v.effective_date <= :today
                         order by v.effective_date desc limit 1) as current_id,
                       (select v.id from terms_version v
                         where v.organisation_id = o.organisation_id and v.effective_date > :today
                         order by v.effective_date limit 1) as upcoming_id
                  from organisations o
            )
            select p.organisation_id, org.name, v.id = p.current_id, v.id, v.version_label, v.effective_date, v.text,
                   a.accepted_at
              from picked p
              join organisation org on org.id = p.organisation_id
              join terms_version v on v.id in (p.current_id, p.upcoming_id)
              left join terms_acceptance a on a.terms_version_id = v.id and a.user_id = :user
             order by org.name, p.organisation_id, v.effective_date
            """;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Transactional
    TermsView termsOf(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(TERMS_QUERY)
                .setParameter("user", userId)
                .setParameter("today", DutchTime.today(clock))
                .getResultList();

        Map<UUID, String> names = new LinkedHashMap<>();
        Map<UUID, TermsView.TermsVersionView> current = new LinkedHashMap<>();
        Map<UUID, TermsView.TermsVersionView> upcoming = new LinkedHashMap<>();
        for (Object[] row : rows) {
            UUID organisationId = (UUID) row[0];
            names.put(organisationId, (String) row[1]);
            Instant acceptedAt = TermsRows.toInstant(row[7]);
            var version = new TermsView.TermsVersionView((UUID) row[3], (String) row[4], TermsRows.toLocalDate(row[5]),
                    (String) row[6], acceptedAt != null, acceptedAt);
            (Boolean.TRUE.equals(row[2]) ? current : upcoming).put(organisationId, version);
        }

        List<TermsView.OrganisationTerms> organisations = new ArrayList<>();
        boolean acceptanceRequired = false;
        for (Map.Entry<UUID, String> organisation : names.entrySet()) {
            TermsView.TermsVersionView inEffect = current.get(organisation.getKey());
            acceptanceRequired |= inEffect != null && !inEffect.accepted();
            organisations.add(new TermsView.OrganisationTerms(organisation.getValue(), inEffect, upcoming.get(organisation.getKey())));
        }
        return new TermsView(acceptanceRequired, organisations);
    }

    /**
     * Records that the user accepted a version, at the current time. Accepting again changes nothing.
     *
     * @return the acceptance, and whether this call created it
     * @throws ProblemException 404 when the version does not belong to an organisation whose clients the user follows
     */
    @Transactional
    Recorded accept(UUID userId, UUID versionId) {
        // PostgreSQL keeps microseconds, so truncating keeps the time exact when read back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int inserted = entityManager.createNativeQuery("""
                insert into terms_acceptance (user_id, terms_version_id, accepted_at)
                select :user, v.id, :now
                  from terms_version v
                 where v.id = :version
                   and exists (select 1
                                 from membership m
                                 join client c on c.id = m.client_id
                                where m.user_id = :user and m.status = 'ACTIVE' and c.organisation_id = v.organisation_id)
                on conflict do nothing
                """)
                .setParameter("user", userId)
                .setParameter("version", versionId)
                .setParameter("now", now)
                .executeUpdate();
        if (inserted == 1) {
            LOG.infof("User %s accepted terms version %s", userId, versionId);
            UUID organisationId = (UUID) entityManager.createNativeQuery(
                    "select organisation_id from terms_version where id = :id")
                    .setParameter("id", versionId)
                    .getSingleResult();
            outbox.webhook(organisationId, WebhookEvent.TERMS_ACCEPTED, Map.of("termsVersionId", versionId.toString(),
                    "userId", userId.toString(), "acceptedAt", now.toString()));
            return new Recorded(new TermsAcceptanceView(versionId, now), true);
        }

        @SuppressWarnings("unchecked")
        List<Object> earlier = entityManager.createNativeQuery(
                "select accepted_at from terms_acceptance where user_id = :user and terms_version_id = :version")
                .setParameter("user", userId)
                .setParameter("version", versionId)
                .getResultList();
        if (earlier.isEmpty()) {
            throw ProblemException.notFound();
        }
        return new Recorded(new TermsAcceptanceView(versionId, TermsRows.toInstant(earlier.get(0))), false);
    }

    /** An acceptance and whether the call that returned it created it. */
    record Recorded(TermsAcceptanceView acceptance, boolean created) {
    }
}
