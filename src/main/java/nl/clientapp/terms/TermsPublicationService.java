package nl.clientapp.terms;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.client.Organisation;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.Messages;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.problem.ProblemException;

/** Publishes an organisation's terms versions and informs the organisation's app users by e-mail. */
@ApplicationScoped
class TermsPublicationService {

    private static final Logger LOG = Logger.getLogger(TermsPublicationService.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    Event<TermsVersionPublished> published;

    /**
     * Stores a new version and, in the same transaction, queues an e-mail to every app user of the organisation's
     * clients once, stating the date the version takes effect.
     *
     * @throws ProblemException 400 when the effective date is before today in the Netherlands, 409
     *         when the organisation already has a version with this label or effective date
     */
    @Transactional
    TermsVersionSummaryView publish(UUID organisationId, PublishTermsVersionRequest request, Locale locale) {
        LocalDate today = DutchTime.today(clock);
        if (request.effectiveDate().isBefore(today)) {
            throw ProblemException.invalidFields(List.of(new Problem.FieldError("effectiveDate",
                    Messages.get(locale, "terms.effective-date.in-past", today.toString()))));
        }

        UUID versionId = UUID.randomUUID();
        String label = request.versionLabel().trim();
        // PostgreSQL keeps microseconds, so truncating keeps the time exact when read back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // "on conflict do nothing" covers both unique keys, so a parallel duplicate also gets 409.
        int inserted = entityManager.createNativeQuery("""
                insert into terms_version (id, organisation_id, version_label, text, effective_date, published_at)
                values (:id, :organisation, :label, :text, :effectiveDate, :now)
                on conflict do nothing
                """)
                .setParameter("id", versionId)
                .setParameter("organisation", organisationId)
                .setParameter("label", label)
                .setParameter("text", request.text())
                .setParameter("effectiveDate", request.effectiveDate())
                .setParameter("now", now)
                .executeUpdate();
        if (inserted == 0) {
            throw new ProblemException(409, "terms-version-exists");
        }

        List<TermsVersionPublished.Recipient> recipients = recipients(organisationId);
        Organisation organisation = Organisation.findById(organisationId);
        published.fire(new TermsVersionPublished(versionId, organisation.name, label, request.effectiveDate(), recipients));
        LOG.infof("Organisation %s published terms version %s, effective %s; informing %d users", organisationId, versionId,
                request.effectiveDate(), recipients.size());
        return new TermsVersionSummaryView(versionId, label, request.effectiveDate(), now, 0);
    }

    /** Lists the organisation's versions, latest effective date first. */
    @Transactional
    List<TermsVersionSummaryView> list(UUID organisationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select v.id, v.version_label, v.effective_date, v.published_at,
                       (select count(*) from terms_acceptance a where a.terms_version_id = v.id)
                  from terms_version v
                 where v.organisation_id = :organisation
                 order by v.effective_date desc
                """)
                .setParameter("organisation", organisationId)
                .getResultList();
        return rows.stream()
                .map(row -> new TermsVersionSummaryView((UUID) row[0], (String) row[1], TermsRows.toLocalDate(row[2]),
                        TermsRows.toInstant(row[3]), ((Number) row[4]).longValue()))
                .toList();
    }

    /** Returns every app user with an active membership of one of the organisation's clients, each once. */
    private List<TermsVersionPublished.Recipient> recipients(UUID organisationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select distinct u.id, u.email, u.language
                  from app_user u
                  join membership m on m.user_id = u.id and m.status = 'ACTIVE'
                  join client c on c.id = m.client_id
                 where c.organisation_id = :organisation
                """)
                .setParameter("organisation", organisationId)
                .getResultList();
        return rows.stream()
                .map(row -> new TermsVersionPublished.Recipient((UUID) row[0], (String) row[1], (String) row[2]))
                .toList();
    }
}
