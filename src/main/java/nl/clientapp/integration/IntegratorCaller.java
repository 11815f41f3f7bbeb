package nl.clientapp.integration;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.auth.TokenAudience;

/** The integrator making the current request and the organisation it acts for, from its access token. */
@RequestScoped
public class IntegratorCaller {

    @Inject
    JsonWebToken token;

    public UUID integratorId() {
        requireIntegratorAccessToken();
        return parse(token.getSubject());
    }

    public UUID organisationId() {
        requireIntegratorAccessToken();
        return parse(token.getClaim(IntegratorTokenService.ORGANISATION_CLAIM));
    }

    private void requireIntegratorAccessToken() {
        if (token == null || token.getRawToken() == null
                || !TokenAudience.ACCESS.equals(token.getClaim(TokenAudience.TOKEN_USE_CLAIM))
                || token.getAudience() == null || !token.getAudience().contains(TokenAudience.INTEGRATION)) {
            throw new UnauthorizedException();
        }
    }

    private static UUID parse(Object value) {
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException();
        }
    }
}
