package nl.clientapp.notification;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import nl.clientapp.common.problem.ProblemException;

/**
 * The webhook endpoints of organisations. Production accepts https URLs only; dev mode and tests
 * also accept http to a loopback address, for local receivers.
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

    @Transactional
    EndpointView register(UUID organisationId, String url, String secret) {
        URI uri = requireAllowedUrl(url);
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

    /** Accepts an absolute https URL, or in dev and test an http URL to a loopback address. */
    static URI requireAllowedUrl(String url) {
        return requireAllowedUrl(url, LaunchMode.current() != LaunchMode.NORMAL);
    }

    static URI requireAllowedUrl(String url, boolean loopbackHttpAllowed) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("webhook-url-invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ProblemException.badRequest("webhook-url-invalid");
        }
        boolean allowed = scheme.equals("https") || (scheme.equals("http") && loopbackHttpAllowed && isLoopback(uri.getHost()));
        if (!allowed) {
            throw ProblemException.badRequest("webhook-url-not-https");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is not resolved here.
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
