package nl.clientapp.notification;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.common.problem.ProblemException;

/**
 * The webhook endpoints of organisations. URLs must be https to public addresses
 * ({@link WebhookAddresses}); dev mode and tests also accept loopback receivers.
 */
@ApplicationScoped
class WebhookEndpoints {

    private static final Logger LOG = Logger.getLogger(WebhookEndpoints.class);

    /** A registered endpoint; {@code secret} only in the answer to its registration. */
    record EndpointView(UUID id, String url, String secret, OffsetDateTime createdAt) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookAddresses addresses;

    @Transactional
    EndpointView register(UUID organisationId, String url, String secret) {
        URI uri = addresses.requireAllowedUrl(url);
        if (secret != null && !WebhookSignature.isValidSecret(secret)) {
            throw ProblemException.badRequest("webhook-secret-invalid");
        }
        entityManager.createNativeQuery("select id from organisation where id = :id for update")
                .setParameter("id", organisationId)
                .getResultList();
        long registered = ((Number) entityManager.createNativeQuery(
                "select count(*) from webhook_endpoint where organisation_id = :organisation and deleted_at is null")
                .setParameter("organisation", organisationId)
                .getSingleResult()).longValue();
        if (registered >= config.maxEndpointsPerOrganisation()) {
            throw new ProblemException(409, "webhook-endpoint-limit", config.maxEndpointsPerOrganisation());
        }
        UUID id = UUID.randomUUID();
        String key = secret != null ? secret : WebhookSignature.newSecret();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("""
                insert into webhook_endpoint (id, organisation_id, url, secret, created_at)
                values (:id, :organisation, :url, :secret, :now)
                """)
                .setParameter("id", id)
                .setParameter("organisation", organisationId)
                .setParameter("url", uri.toString())
                .setParameter("secret", key)
                .setParameter("now", now)
                .executeUpdate();
        LOG.infof("Registered webhook endpoint %s for organisation %s", id, organisationId);
        return new EndpointView(id, uri.toString(), key, now.atOffset(ZoneOffset.UTC));
    }

    @Transactional
    List<EndpointView> list(UUID organisationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, url, created_at from webhook_endpoint
                 where organisation_id = :organisation and deleted_at is null
                 order by created_at, id
                """)
                .setParameter("organisation", organisationId)
                .getResultList();
        return rows.stream()
                .map(row -> new EndpointView((UUID) row[0], (String) row[1], null,
                        ((Instant) row[2]).atOffset(ZoneOffset.UTC)))
                .toList();
    }

    /** Deletes an endpoint of the organisation; its undelivered messages fail without another attempt. */
    @Transactional
    void delete(UUID organisationId, UUID endpointId) {
        int deleted = entityManager.createNativeQuery("""
                update webhook_endpoint set deleted_at = :now
                 where id = :id and organisation_id = :organisation and deleted_at is null
                """)
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter("id", endpointId)
                .setParameter("organisation", organisationId)
                .executeUpdate();
        if (deleted == 0) {
            throw ProblemException.notFound();
        }
        LOG.infof("Deleted webhook endpoint %s of organisation %s", endpointId, organisationId);
    }
}
