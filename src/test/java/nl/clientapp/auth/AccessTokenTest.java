package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import nl.clientapp.access.AppCaller;

/**
 * App access tokens: RS256 with our key only, with issuer, audience, expiry and token type
 * checked, valid for 5 minutes, carrying ids and roles only.
 */
@QuarkusTest
class AccessTokenTest {

    private static final String ISSUER = "https://clientapp.example.nl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LoginFlow flow;

    @Test
    void token_built_like_ours_is_accepted() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String token = claims(device, ISSUER, TokenAudience.APP, Instant.now()).jws().header("typ", "at+jwt").sign();

        LoginFlow.me(token).then().statusCode(200);
    }

    @Test
    void token_with_alg_none_is_rejected() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        String payload = device.accessToken().split("\\.")[1];

        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + payload + ".";

        LoginFlow.me(unsigned).then().statusCode(401);
    }

    @Test
    void token_signed_with_hs256_is_rejected() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String token = claims(device, ISSUER, TokenAudience.APP, Instant.now()).jws()
                .algorithm(SignatureAlgorithm.HS256).header("typ", "at+jwt")
                .signWithSecret("test-only-hmac-secret-0123456789abcdef");

        LoginFlow.me(token).then().statusCode(401);
    }

    @Test
    void token_from_another_issuer_is_rejected() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String token = claims(device, "https://attacker.example", TokenAudience.APP, Instant.now()).jws().sign();

        LoginFlow.me(token).then().statusCode(401);
    }

    @Test
    void token_for_another_audience_is_rejected() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String integrationAudience = claims(device, ISSUER, TokenAudience.INTEGRATION, Instant.now()).jws().sign();
        String foreignAudience = claims(device, ISSUER, "some-other-api", Instant.now()).jws().sign();

        LoginFlow.me(integrationAudience).then().statusCode(401);
        LoginFlow.me(foreignAudience).then().statusCode(401);
    }

    @Test
    void expired_token_is_rejected() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String token = claims(device, ISSUER, TokenAudience.APP, Instant.now().minusSeconds(15 * 60)).jws().sign();

        LoginFlow.me(token).then().statusCode(401);
    }

    @Test
    void token_signed_by_another_rsa_key_is_rejected() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair attackerKey = generator.generateKeyPair();

        String token = claims(device, ISSUER, TokenAudience.APP, Instant.now()).jws()
                .header("jku", "http://127.0.0.1:1/attacker-keys.json")
                .sign(attackerKey.getPrivate());

        LoginFlow.me(token).then().statusCode(401);
    }

    @Test
    void token_without_access_token_use_is_rejected() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String token = Jwt.issuer(ISSUER).audience(TokenAudience.APP).subject(device.invitee().userId().toString())
                .groups(TokenAudience.APP_USER_GROUP)
                .claim(AppCaller.SESSION_CLAIM, sessionId(device.accessToken()))
                .expiresAt(Instant.now().plusSeconds(300))
                .jws().sign();

        LoginFlow.me(token).then().statusCode(401);
    }

    @Test
    void access_token_header_and_lifetime() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        Map<String, Object> header = part(device.accessToken(), 0);
        Map<String, Object> payload = part(device.accessToken(), 1);

        assertEquals("RS256", header.get("alg"));
        assertEquals("at+jwt", header.get("typ"));
        assertEquals(300L, ((Number) payload.get("exp")).longValue() - ((Number) payload.get("iat")).longValue());
        assertEquals(ISSUER, payload.get("iss"));
    }

    @Test
    void access_token_carries_ids_and_roles_only() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String payloadJson = new String(Base64.getUrlDecoder().decode(device.accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        Map<String, Object> payload = part(device.accessToken(), 1);

        Set<String> allowed = Set.of("iss", "aud", "sub", "iat", "exp", "jti", "groups", "sid", "token_use", "auth_time");
        assertTrue(allowed.containsAll(payload.keySet()), "claims: " + payload.keySet());
        assertEquals(device.invitee().userId().toString(), payload.get("sub"));
        assertFalse(payloadJson.contains("Anna"), "no name");
        assertFalse(payloadJson.contains("@"), "no e-mail address");
        assertFalse(payloadJson.contains(device.invitee().mobile().substring(3)), "no phone number");
    }

    private static JwtClaimsBuilder claims(LoginFlow.ActivatedDevice device, String issuer, String audience, Instant issuedAt) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(device.invitee().userId().toString())
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plusSeconds(300))
                .groups(TokenAudience.APP_USER_GROUP)
                .claim(AppCaller.SESSION_CLAIM, sessionId(device.accessToken()))
                .claim(TokenAudience.TOKEN_USE_CLAIM, TokenAudience.ACCESS);
    }

    private static String sessionId(String accessToken) {
        try {
            return (String) part(accessToken, 1).get(AppCaller.SESSION_CLAIM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), Map.class);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
