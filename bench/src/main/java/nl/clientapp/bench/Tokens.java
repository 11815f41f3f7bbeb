package nl.clientapp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs app access tokens the way AccessTokens in the application does (RS256, typ at+jwt,
 * audience clientapp-app, group app-user, claims sid and token_use), with the key pair that
 * bench/run.sh generates for one run and hands to the application.
 */
final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));

    private final PrivateKey key;
    private final String issuer;

    Tokens(Path privateKeyPem, String issuer) throws Exception {
        String pem = Files.readString(privateKeyPem)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        this.issuer = issuer;
    }

    /** Returns an access token of {@code user} in login session {@code session}, valid for {@code lifetimeSeconds}. */
    String accessToken(UUID user, UUID session, long lifetimeSeconds) throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"clientapp-app\",\"sub\":\"" + user + "\",\"iat\":" + now
                + ",\"exp\":" + (now + lifetimeSeconds) + ",\"groups\":[\"app-user\"],\"sid\":\"" + session
                + "\",\"token_use\":\"access\",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = HEADER + "." + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(signer.sign());
    }
}
