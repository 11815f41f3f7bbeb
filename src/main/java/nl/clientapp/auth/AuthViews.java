package nl.clientapp.auth;

import java.time.Instant;
import java.util.UUID;

/** Response bodies of the login endpoints. */
final class AuthViews {

    private AuthViews() {
    }

    /**
     * An activation attempt. Unknown, expired and used activation codes get the same shape with a
     * random id, and no SMS is sent for them.
     *
     * @param smsSentTo the mobile number with all but its last two digits hidden
     */
    record ActivationStarted(UUID activationId, String smsSentTo) {
    }

    /** @param challenge base64 of 32 random bytes for the device key to sign */
    record Challenge(UUID challengeId, String challenge, Instant expiresAt) {
    }

    /**
     * Tokens for an app session.
     *
     * @param deviceId the device the session runs on, left out of refresh responses
     * @param expiresIn lifetime of the access token in seconds
     */
    record Tokens(UUID deviceId, String accessToken, String refreshToken, long expiresIn, String tokenType) {
    }
}
