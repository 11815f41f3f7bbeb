package nl.clientapp.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.util.KeyUtils;
import nl.clientapp.access.AppCaller;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestIntegrators;

/**
 * A corpus of forged and misused bearer tokens against both faces of the API. Every one gets the
 * same 401 as a request without a token: the same body, a bare {@code WWW-Authenticate: Bearer},
 * and no detail that tells the sender which check failed. Key URLs named in token headers point
 * at a loopback stand-in server, which must never receive a request.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedTokenTest {

    private static final String ISSUER = "https://clientapp.example.nl";
    /** An integration endpoint that answers 404 for an unknown patient once the caller is authenticated. */
    private static final String INTEGRATION_ENDPOINT = "/integration/v1/clients?patientId=no-such-patient";
    private static final String JWKS_PATH = "/attacker/jwks.json";
    private static final String CERT_PATH = "/attacker/cert.pem";

    @Inject
    LoginFlow flow;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestClock clock;

    private WireMockServer keyHost;
    private LoginFlow.ActivatedDevice device;
    private TestIntegrators.Credentials integrator;
    private KeyPair attackerRsa;
    private KeyPair attackerEc;

    /** A forged or misused token and the API face it is sent to. */
    record Forgery(String name, Face face, Consumer<Builder> forge) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Face {
        APP, INTEGRATION
    }

    @BeforeAll
    void startKeyHost() throws Exception {
        keyHost = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        keyHost.start();
        attackerRsa = generate("RSA", null);
        attackerEc = generate("EC", new ECGenParameterSpec("secp256r1"));
        JsonWebKey attackerJwk = PublicJsonWebKey.Factory.newPublicJwk(attackerRsa.getPublic());
        attackerJwk.setKeyId("attacker-key");
        keyHost.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JsonWebKeySet(attackerJwk).toJson())));
    }

    @AfterAll
    void stopKeyHost() {
        keyHost.stop();
    }

    @BeforeEach
    void prepare() {
        clock.reset();
        keyHost.resetRequests();
        if (device == null) {
            device = flow.activatedDevice();
            integrator = integrators.create();
        }
    }

    @Test
    void genuine_tokens_are_accepted() {
        String appToken = new Builder(this).app().signWithServerKey();
        String integratorToken = integrator.accessToken();

        get(Face.APP, "/app/v1/me", appToken).then().statusCode(200);
        get(Face.APP, clientEndpoint(), appToken).then().statusCode(200);
        get(Face.INTEGRATION, INTEGRATION_ENDPOINT, integratorToken).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forged_token_is_rejected_like_a_missing_one(Forgery forgery) {
        String token = forgery.forge == null ? null : build(forgery);
        List<String> paths = forgery.face == Face.APP ? List.of("/app/v1/me", clientEndpoint()) : List.of(INTEGRATION_ENDPOINT);

        for (String path : paths) {
            Response response = get(forgery.face, path, token);
            Response missing = get(forgery.face, path, null);

            assertEquals(401, response.statusCode(), forgery.name + " on " + path);
            assertEquals("Bearer", response.header("WWW-Authenticate"), forgery.name + " on " + path);
            assertEquals(missing.body().asString(), response.body().asString(), forgery.name + " on " + path);
            assertFalse(response.body().asString().matches("(?s).*(Exception|\\bat [a-z]+\\.|jose4j|smallrye|nl\\.clientapp).*"),
                    "internals in the body: " + response.body().asString());
        }

        assertEquals(0, keyHost.getAllServeEvents().size(), "the server fetched a key URL named in the token");
    }

    Stream<Arguments> forgeries() {
        return Stream.of(
                forgery("alg none", Face.APP, b -> b.app().unsigned()),
                forgery("HS256 with the server's RSA public key as secret", Face.APP,
                        b -> b.app().hmac(publicKeyPem(serverPublicKey()).getBytes(StandardCharsets.US_ASCII))),
                forgery("HS256 with the server's DER public key as secret", Face.APP, b -> b.app().hmac(serverPublicKey().getEncoded())),
                forgery("HS256 with the attacker's EC public key as secret", Face.APP,
                        b -> b.app().hmac(attackerEc.getPublic().getEncoded())),
                forgery("stripped signature", Face.APP, b -> b.app().stripSignature()),
                forgery("signature of another token", Face.APP, b -> b.app().swapSignature()),
                forgery("wrong issuer", Face.APP, b -> b.app().issuer("https://attacker.example").signWithServerKey()),
                forgery("missing issuer", Face.APP, b -> b.app().issuer(null).signWithServerKey()),
                forgery("foreign audience", Face.APP, b -> b.app().audience("some-other-api").signWithServerKey()),
                forgery("missing audience", Face.APP, b -> b.app().audience(null).signWithServerKey()),
                forgery("integration audience on the app API", Face.APP,
                        b -> b.app().audience(TokenAudience.INTEGRATION).signWithServerKey()),
                forgery("integrator token on the app API", Face.APP, Builder::realIntegratorToken),
                forgery("app token on the integration API", Face.INTEGRATION, b -> b.app().signWithServerKey()),
                forgery("expired", Face.APP, b -> b.app().issuedAt(Instant.now().minusSeconds(900)).signWithServerKey()),
                forgery("missing expiry", Face.APP, b -> b.app().noExpiry().signWithServerKey()),
                forgery("not valid before a future time", Face.APP,
                        b -> b.app().notBefore(Instant.now().plusSeconds(600)).signWithServerKey()),
                forgery("issued in the future", Face.APP, b -> b.app().issuedAt(Instant.now().plusSeconds(600)).signWithServerKey()),
                forgery("refresh token as bearer", Face.APP, b -> b.raw = device.refreshToken()),
                forgery("token_use refresh", Face.APP, b -> b.app().tokenUse("refresh").signWithServerKey()),
                forgery("token_use missing", Face.APP, b -> b.app().tokenUse(null).signWithServerKey()),
                forgery("jku header to attacker keys", Face.APP,
                        b -> b.app().header("jku", keyUrl(JWKS_PATH)).kid("attacker-key").signWith(attackerRsa)),
                forgery("x5u header to attacker certificate", Face.APP,
                        b -> b.app().header("x5u", keyUrl(CERT_PATH)).signWith(attackerRsa)),
                forgery("embedded jwk header", Face.APP, b -> b.app().embeddedJwk().signWith(attackerRsa)),
                forgery("kid injection", Face.APP, b -> b.app().kid("../../../../dev/null' OR '1'='1").signWith(attackerRsa)),
                forgery("kid naming a URL", Face.APP, b -> b.app().kid(keyUrl(JWKS_PATH)).signWith(attackerRsa)),
                forgery("signed by another RSA key", Face.APP, b -> b.app().signWith(attackerRsa)),
                forgery("ES256 signed by another EC key", Face.APP, b -> b.app().signWith(attackerEc)),
                forgery("garbage", Face.APP, b -> b.raw = "not.a.jwt"),
                forgery("empty bearer value", Face.APP, b -> b.raw = ""));
    }

    private Arguments forgery(String name, Face face, Consumer<Builder> forge) {
        return Arguments.of(new Forgery(name, face, forge));
    }

    private String build(Forgery forgery) {
        Builder builder = new Builder(this);
        forgery.forge.accept(builder);
        return builder.raw;
    }

    private String clientEndpoint() {
        return "/app/v1/clients/" + device.invitee().clientId() + "/reports";
    }

    private String keyUrl(String path) {
        return "http://127.0.0.1:" + keyHost.port() + path;
    }

    private Response get(Face face, String path, String token) {
        var request = given().header("X-Forwarded-For", device.invitee().ipAddress());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.get(path);
    }

    /** Returns the verification key that the test profile generated at start. */
    private static PublicKey serverPublicKey() {
        try {
            return KeyUtils.decodePublicKey(ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey", String.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The test profile's verification key is not an RSA public key", e);
        }
    }

    private static PrivateKey serverPrivateKey() {
        try {
            return KeyUtils.decodePrivateKey(ConfigProvider.getConfig().getValue("smallrye.jwt.sign.key", String.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The test profile's signing key is not an RSA private key", e);
        }
    }

    private static String publicKeyPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve == null) {
            generator.initialize(2048);
        } else {
            generator.initialize(curve);
        }
        return generator.generateKeyPair();
    }

    /** Builds one token: claims like a genuine app token, changed by the forgery, then signed. */
    static final class Builder {

        private final ForgedTokenTest test;
        private final JwtClaims claims = new JwtClaims();
        private final JsonWebSignature jws = new JsonWebSignature();
        String raw;

        Builder(ForgedTokenTest test) {
            this.test = test;
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setHeader("typ", "at+jwt");
        }

        Builder app() {
            issuer(ISSUER);
            audience(TokenAudience.APP);
            claims.setSubject(test.device.invitee().userId().toString());
            claims.setStringListClaim("groups", TokenAudience.APP_USER_GROUP);
            claims.setClaim(AppCaller.SESSION_CLAIM, sessionId(test.device.accessToken()));
            claims.setClaim(TokenAudience.TOKEN_USE_CLAIM, TokenAudience.ACCESS);
            claims.setJwtId(UUID.randomUUID().toString());
            return issuedAt(Instant.now());
        }

        Builder issuer(String issuer) {
            claims.unsetClaim("iss");
            if (issuer != null) {
                claims.setIssuer(issuer);
            }
            return this;
        }

        Builder audience(String audience) {
            claims.unsetClaim("aud");
            if (audience != null) {
                claims.setAudience(audience);
            }
            return this;
        }

        Builder issuedAt(Instant issuedAt) {
            claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.getEpochSecond() + 300));
            return this;
        }

        Builder notBefore(Instant notBefore) {
            claims.setNotBefore(NumericDate.fromSeconds(notBefore.getEpochSecond()));
            return this;
        }

        Builder noExpiry() {
            claims.unsetClaim("exp");
            return this;
        }

        Builder tokenUse(String tokenUse) {
            claims.unsetClaim(TokenAudience.TOKEN_USE_CLAIM);
            if (tokenUse != null) {
                claims.setClaim(TokenAudience.TOKEN_USE_CLAIM, tokenUse);
            }
            return this;
        }

        Builder header(String name, String value) {
            jws.setHeader(name, value);
            return this;
        }

        Builder kid(String keyId) {
            jws.setKeyIdHeaderValue(keyId);
            return this;
        }

        Builder embeddedJwk() {
            try {
                jws.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(test.attackerRsa.getPublic()));
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        void signWith(KeyPair key) {
            jws.setAlgorithmHeaderValue("RSA".equals(key.getPrivate().getAlgorithm())
                    ? AlgorithmIdentifiers.RSA_USING_SHA256
                    : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            sign(key.getPrivate());
        }

        /** Signs with the server's own key, so only the claims or headers under test differ from a genuine token. */
        String signWithServerKey() {
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            sign(serverPrivateKey());
            return raw;
        }

        void hmac(byte[] secret) {
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setDoKeyValidation(false);
            sign(new HmacKey(secret));
        }

        void unsigned() {
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            sign(null);
        }

        void stripSignature() {
            String token = signWithServerKey();
            raw = token.substring(0, token.lastIndexOf('.') + 1);
        }

        void swapSignature() {
            String token = signWithServerKey();
            String other = test.device.accessToken();
            raw = token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
        }

        void realIntegratorToken() {
            raw = test.integrator.accessToken();
        }

        private void sign(java.security.Key key) {
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            try {
                raw = jws.getCompactSerialization();
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String sessionId(String accessToken) {
            try {
                JwtClaims genuine = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                        StandardCharsets.UTF_8));
                String sessionId = genuine.getStringClaimValue(AppCaller.SESSION_CLAIM);
                assertNotNull(sessionId);
                return sessionId;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
