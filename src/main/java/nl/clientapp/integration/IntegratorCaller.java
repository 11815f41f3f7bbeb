package nl.clientapp.integration;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import nl.clientapp.auth.AccessTokenClaims;
import nl.clientapp.auth.TokenAudience;

/** The integrator making the current request and the organisation it acts for, from its access token. */
@RequestScoped
public class IntegratorCaller {

    @Inject
    JsonWebToken token;

    public UUID integratorId() {
        return AccessTokenClaims.uuid(token, TokenAudience.INTEGRATION, Claims.sub.name());
    }

    public UUID organisationId() {
        return AccessTokenClaims.uuid(token, TokenAudience.INTEGRATION, IntegratorTokenService.ORGANISATION_CLAIM);
    }
}
