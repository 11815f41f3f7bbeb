package nl.clientapp.auth;

/** Audiences ({@code aud}) of the access tokens this API issues; each face accepts only its own. */
public final class TokenAudience {

    public static final String APP = "clientapp-app";
    public static final String INTEGRATION = "clientapp-integration";

    /** Claim that marks a JWT as an access token; refresh tokens are opaque and never JWTs. */
    public static final String TOKEN_USE_CLAIM = "token_use";
    public static final String ACCESS = "access";

    /** Group of every app user's access token; integrators get {@link #INTEGRATOR_GROUP}. */
    public static final String APP_USER_GROUP = "app-user";
    public static final String INTEGRATOR_GROUP = "integrator";

    private TokenAudience() {
    }
}
