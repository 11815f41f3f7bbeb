package nl.clientapp.auth;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** Reads claims of a verified access token for one face of the API, rejecting any other token with 401. */
public final class AccessTokenClaims {

    private AccessTokenClaims() {
    }

    /**
     * Returns the UUID in {@code claim} of an access token for {@code audience}.
     *
     * @throws UnauthorizedException when there is no token, it is no access token for that audience, or the claim is no UUID
     */
    public static UUID uuid(JsonWebToken token, String audience, String claim) {
        if (token == null || token.getRawToken() == null
                || !TokenAudience.ACCESS.equals(token.getClaim(TokenAudience.TOKEN_USE_CLAIM))
                || token.getAudience() == null || !token.getAudience().contains(audience)) {
            throw new UnauthorizedException();
        }
        try {
            return UUID.fromString(String.valueOf(token.<Object>getClaim(claim)));
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException();
        }
    }
}
