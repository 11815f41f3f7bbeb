package nl.clientapp.access;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import nl.clientapp.auth.AccessTokenClaims;
import nl.clientapp.auth.TokenAudience;

/** The app user making the current request, read from the verified access token. */
@RequestScoped
public class AppCaller {

    /** Claim with the id of the login session a token belongs to. */
    public static final String SESSION_CLAIM = "sid";

    @Inject
    JsonWebToken token;

    public UUID userId() {
        return AccessTokenClaims.uuid(token, TokenAudience.APP, Claims.sub.name());
    }

    public UUID sessionId() {
        return AccessTokenClaims.uuid(token, TokenAudience.APP, SESSION_CLAIM);
    }
}
