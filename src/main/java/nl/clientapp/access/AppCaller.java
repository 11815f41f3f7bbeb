package nl.clientapp.access;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.auth.TokenAudience;

/** The app user making the current request, read from the verified access token. */
@RequestScoped
public class AppCaller {

    /** Claim with the id of the login session a token belongs to. */
    public static final String SESSION_CLAIM = "sid";

    @Inject
    JsonWebToken token;

    public UUID userId() {
        requireAppAccessToken();
        return parse(token.getSubject());
    }

    public UUID sessionId() {
        requireAppAccessToken();
        return parse(token.getClaim(SESSION_CLAIM));
    }

    private void requireAppAccessToken() {
        if (token == null || token.getRawToken() == null
                || !TokenAudience.ACCESS.equals(token.getClaim(TokenAudience.TOKEN_USE_CLAIM))
                || token.getAudience() == null || !token.getAudience().contains(TokenAudience.APP)) {
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
