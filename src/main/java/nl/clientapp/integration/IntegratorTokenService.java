package nl.clientapp.integration;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.jwt.build.Jwt;
import nl.clientapp.auth.TokenAudience;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.config.ClientAppConfig;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;

/** Checks integrator credentials and issues their access tokens. */
@ApplicationScoped
public class IntegratorTokenService {

    private static final Logger LOG = Logger.getLogger(IntegratorTokenService.class);

    /** Claim with the id of the organisation an integrator acts for. */
    public static final String ORGANISATION_CLAIM = "org";

    @Inject
    ClientAppConfig config;

    @Inject
    Clock clock;

    @Inject
    Throttle throttle;

    /** RFC 6749 section 5.1 token response. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn, String scope) {
    }

    /** Either a token or an RFC 6749 error with its HTTP status. */
    record Outcome(TokenResponse token, int status, String error, String description) {
        static Outcome failure(int status, String error, String description) {
            return new Outcome(null, status, error, description);
        }
    }

    /**
     * Issues a token for valid client credentials. Failed client authentication counts against the
     * failure limits per client IP address and per client id.
     *
     * @throws ProblemException 429 when either failure limit is reached, before the secret is checked
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    Outcome issue(String grantType, String clientId, String clientSecret, String requestedScope, String ipAddress) {
        if (!"client_credentials".equals(grantType)) {
            return Outcome.failure(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }
        boolean plausible = clientId != null && clientSecret != null && clientId.length() <= 200 && clientSecret.length() <= 200;
        Throttle.Failures failures = throttle.checkFailures("issueIntegratorToken", ipAddress,
                plausible ? "client:" + clientId : null);
        if (!plausible) {
            failures.count();
            return Outcome.failure(401, "invalid_client", "Client authentication failed.");
        }
        IntegratorClient client = IntegratorClient.findByClientId(clientId);
        // The hash is computed even for an unknown client, so timing does not reveal which ids exist.
        String presentedHash = SecureTokens.sha256Hex(clientSecret);
        if (client == null || !client.active || !SecureTokens.constantTimeEquals(presentedHash, client.secretHash)) {
            LOG.infof("Integrator authentication failed");
            failures.count();
            return Outcome.failure(401, "invalid_client", "Client authentication failed.");
        }

        Set<String> allowed = scopes(client.scopes);
        Set<String> granted = requestedScope == null || requestedScope.isBlank() ? allowed : scopes(requestedScope);
        for (String scope : granted) {
            if (!allowed.contains(scope)) {
                return Outcome.failure(400, "invalid_scope", "Scope not allowed for this client: " + scope);
            }
        }

        long lifetime = config.jwt().accessTokenLifetime().toSeconds();
        Set<String> groups = new LinkedHashSet<>(granted);
        groups.add(TokenAudience.INTEGRATOR_GROUP);
        String token = Jwt.issuer(config.jwt().issuer())
                .audience(TokenAudience.INTEGRATION)
                .subject(client.id.toString())
                .issuedAt(clock.instant())
                .expiresAt(clock.instant().plusSeconds(lifetime))
                .groups(groups)
                .claim(ORGANISATION_CLAIM, client.organisationId.toString())
                .claim(TokenAudience.TOKEN_USE_CLAIM, TokenAudience.ACCESS)
                .claim("scope", String.join(" ", granted))
                .jws()
                .header("typ", "at+jwt")
                .sign();
        LOG.infof("Issued an access token to integrator %s", client.id);
        return new Outcome(new TokenResponse(token, "Bearer", lifetime, String.join(" ", granted)), 200, null, null);
    }

    private static Set<String> scopes(String value) {
        return new LinkedHashSet<>(Arrays.asList(value.trim().split("\\s+")));
    }
}
