package nl.clientapp.integration;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import nl.clientapp.client.Organisation;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.config.ClientAppConfig;

/**
 * Creates the configured bootstrap organisation and integrator at start, so a fresh
 * installation can import data. Does nothing when no bootstrap integrator is configured; an
 * existing integrator with that client id gets the configured secret and scopes.
 *
 * <p>Instances that start at once against one database take a transaction-scoped advisory lock
 * first, so only the first creates the organisation and the others find its integrator.
 */
@ApplicationScoped
class IntegratorBootstrap {

    private static final Logger LOG = Logger.getLogger(IntegratorBootstrap.class);

    @Inject
    ClientAppConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        ClientAppConfig.Bootstrap bootstrap = config.bootstrap();
        if (bootstrap.integratorClientId().isEmpty() || bootstrap.integratorClientSecret().isEmpty()) {
            return;
        }
        String clientId = bootstrap.integratorClientId().get();
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext('clientapp.integrator-bootstrap'))) as locked")
                .getSingleResult();
        IntegratorClient integrator = IntegratorClient.findByClientId(clientId);
        if (integrator == null) {
            Organisation organisation = new Organisation();
            organisation.id = UUID.randomUUID();
            organisation.name = bootstrap.organisationName();
            organisation.createdAt = clock.instant();
            organisation.persist();

            integrator = new IntegratorClient();
            integrator.id = UUID.randomUUID();
            integrator.organisationId = organisation.id;
            integrator.clientId = clientId;
            integrator.name = clientId;
            integrator.active = true;
            integrator.createdAt = clock.instant();
            LOG.infof("Created bootstrap organisation %s with integrator %s", organisation.id, integrator.id);
        }
        if (bootstrap.organisationPrivacyContactEmail().isPresent()) {
            Organisation organisation = Organisation.findById(integrator.organisationId);
            organisation.privacyContactEmail = bootstrap.organisationPrivacyContactEmail().get();
        }
        integrator.secretHash = SecureTokens.sha256Hex(bootstrap.integratorClientSecret().get());
        integrator.scopes = bootstrap.integratorScopes();
        integrator.persist();
    }
}
