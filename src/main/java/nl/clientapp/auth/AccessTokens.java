package nl.clientapp.auth;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.jwt.build.Jwt;
import nl.clientapp.access.AppCaller;
import nl.clientapp.common.config.ClientAppConfig;

/**
 * Signs app users' access tokens: RS256, 5 minutes, ids and roles only (no names, numbers or
 * dossier data). The token names its login session, which every request checks.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    ClientAppConfig config;

    @Inject
    Clock clock;

    public String issue(UUID userId, UUID sessionId) {
        long lifetime = config.jwt().accessTokenLifetime().toSeconds();
        return Jwt.issuer(config.jwt().issuer())
                .audience(TokenAudience.APP)
                .subject(userId.toString())
                .issuedAt(clock.instant())
                .expiresAt(clock.instant().plusSeconds(lifetime))
                .groups(TokenAudience.APP_USER_GROUP)
                .claim(AppCaller.SESSION_CLAIM, sessionId.toString())
                .claim(TokenAudience.TOKEN_USE_CLAIM, TokenAudience.ACCESS)
                .jws()
                .header("typ", "at+jwt")
                .sign();
    }

    public long lifetimeSeconds() {
        return config.jwt().accessTokenLifetime().toSeconds();
    }
}
