package nl.clientapp.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Fails authentication of a verified JWT that is not an access token for the face of the API it
 * is sent to. SmallRye JWT checks the signature, issuer, expiry and that the audience is one of
 * ours. This check adds that the audience matches the path ({@code /app/} takes app tokens,
 * {@code /integration/} and {@code /fhir} take integrator tokens), that {@code token_use} is
 * {@code access}, and that {@code iat} is not in the future. A failure is a 401 like any other bad
 * token, never a 403 that would tell the sender the signature was good.
 */
@ApplicationScoped
class AccessTokenFaceCheck implements SecurityIdentityAugmentor {

    /** Allowed difference between our clock and the issuer's, as SmallRye JWT allows for {@code exp}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /**
     * The system clock, not the injected one: SmallRye JWT checks {@code exp} and {@code nbf}
     * against the system clock, and the token times must all be judged by the same clock.
     */
    private final Clock tokenClock = Clock.systemUTC();

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        String audience = routing == null ? null : audienceFor(routing.normalizedPath());
        if (audience == null || !isAccessTokenFor(token, audience)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(identity);
    }

    /** Returns the audience that requests to {@code path} must carry, or null for paths that take no bearer token. */
    static String audienceFor(String path) {
        if (path == null) {
            return null;
        }
        if (path.startsWith("/app/")) {
            return TokenAudience.APP;
        }
        if (path.startsWith("/integration/") || path.equals("/fhir") || path.startsWith("/fhir/")) {
            return TokenAudience.INTEGRATION;
        }
        return null;
    }

    private boolean isAccessTokenFor(JsonWebToken token, String audience) {
        long latestIssuedAt = tokenClock.instant().plus(CLOCK_SKEW).getEpochSecond();
        return TokenAudience.ACCESS.equals(token.getClaim(TokenAudience.TOKEN_USE_CLAIM))
                && token.getAudience() != null && token.getAudience().size() == 1 && token.getAudience().contains(audience)
                && token.getIssuedAtTime() > 0 && token.getIssuedAtTime() <= latestIssuedAt;
    }
}
