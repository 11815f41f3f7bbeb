package nl.clientapp.common.sql;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;

/** Inserts the rows of the statement-count fixture that no other test support inserts in bulk. */
@ApplicationScoped
public class ReadFixtureRows {

    @Inject
    EntityManager entityManager;

    @Inject
    AuditLog auditLog;

    /**
     * Inserts {@code count} terms versions of an organisation, one per day up to {@code today}, and
     * records that {@code userId} accepted the one in effect.
     */
    @Transactional
    public void termsVersions(UUID organisationId, int count, LocalDate today, UUID userId) {
        UUID inEffect = null;
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            entityManager.createNativeQuery("""
                    insert into terms_version (id, organisation_id, version_label, text, effective_date, published_at)
                    values (?1, ?2, ?3, 'Gebruikersvoorwaarden', ?4, now())""")
                    .setParameter(1, id)
                    .setParameter(2, organisationId)
                    .setParameter(3, "versie " + (i + 1))
                    .setParameter(4, today.minusDays(count - 1 - i))
                    .executeUpdate();
            inEffect = id;
        }
        entityManager.createNativeQuery("insert into terms_acceptance (user_id, terms_version_id, accepted_at) values (?1, ?2, now())")
                .setParameter(1, userId)
                .setParameter(2, inEffect)
                .executeUpdate();
    }

    /** Inserts {@code count} webhook endpoints of an organisation, at loopback addresses where nothing listens. */
    @Transactional
    public void webhookEndpoints(UUID organisationId, int count) {
        for (int i = 0; i < count; i++) {
            entityManager.createNativeQuery("""
                    insert into webhook_endpoint (id, organisation_id, url, secret, created_at)
                    values (?1, ?2, ?3, 'test-only-webhook-secret', now())""")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, organisationId)
                    .setParameter(3, "http://127.0.0.1:9/endpoint-" + i)
                    .executeUpdate();
        }
    }

    /** Writes {@code count} audit entries of reads of the client by {@code userId}. */
    public void auditEntries(UUID clientId, UUID userId, UUID sessionId, int count) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new AuditEntry("dossier.report.read", AuditAction.READ, AuditOutcome.SUCCESS, ActorType.APP_USER,
                    userId.toString(), "FULL_ACCESS_ADMIN", clientId, null, "report", UUID.randomUUID().toString(),
                    sessionId, "127.0.0.1"));
        }
        auditLog.recordAll(entries);
    }
}
