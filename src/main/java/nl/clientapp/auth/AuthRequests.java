package nl.clientapp.auth;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the login endpoints. Every string has a maximum length. */
final class AuthRequests {

    private AuthRequests() {
    }

    /** The activation code from the invitation e-mail. */
    record StartActivation(@NotBlank @Size(max = 128) String activationCode) {
    }

    /**
     * The SMS code, the new PIN and the device's key.
     *
     * @param devicePublicKey base64 SubjectPublicKeyInfo (DER) of the device's P-256 key
     */
    record CompleteActivation(
            @NotBlank @Size(max = 12) String smsCode,
            @NotNull @Size(max = 64) String pin,
            @NotBlank @Size(max = 1024) String devicePublicKey,
            @NotBlank @Size(max = 100) String deviceName) {
    }

    record RequestChallenge(@NotNull UUID deviceId) {
    }

    /** @param signature base64 DER SHA256withECDSA signature over the raw challenge bytes, by the device key */
    record PinLogin(
            @NotNull UUID deviceId,
            @NotNull UUID challengeId,
            @NotBlank @Size(max = 64) String pin,
            @NotBlank @Size(max = 512) String signature) {
    }

    record Refresh(@NotBlank @Size(max = 128) String refreshToken) {
    }
}
