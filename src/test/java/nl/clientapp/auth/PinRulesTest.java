package nl.clientapp.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/** New PINs: 5 digits at least, not trivial, stored as Argon2id with the server pepper. */
@QuarkusTest
class PinRulesTest {

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    ServerSecrets secrets;

    @ParameterizedTest
    @CsvSource({
            "11111, trivial-pin", "00000000, trivial-pin", "12345, trivial-pin", "56789, trivial-pin", "78901, trivial-pin",
            "54321, trivial-pin", "98765, trivial-pin", "1234, invalid-pin", "12a45, invalid-pin", "'', invalid-pin",
            "1234567890123, invalid-pin" })
    void unacceptable_pin_is_rejected_and_code_kept(String pin, String problem) {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        String code = flow.smsCode(invitee.mobile());

        flow.complete(invitee, activationId, code, pin, LoginFlow.newDeviceKey()).then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:" + problem));

        flow.complete(invitee, activationId, code, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(201);
    }

    @Test
    void trivial_pin_problem_is_in_english_when_asked() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);

        invitee.app().header("Accept-Language", "en")
                .body(Map.of("smsCode", flow.smsCode(invitee.mobile()), "pin", "12345",
                        "devicePublicKey", LoginFlow.publicKeyBase64(LoginFlow.newDeviceKey()), "deviceName", "Pixel 8"))
                .post("/app/v1/auth/activations/{id}/complete", activationId)
                .then().statusCode(400)
                .body("title", equalTo("PIN too simple"));
    }

    @Test
    void device_key_that_is_not_p256_is_rejected() throws Exception {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);

        invitee.app()
                .body(Map.of("smsCode", flow.smsCode(invitee.mobile()), "pin", LoginFlow.PIN,
                        "devicePublicKey", Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded()),
                        "deviceName", "Pixel 8"))
                .post("/app/v1/auth/activations/{id}/complete", activationId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-device-key"));
    }

    @Test
    void stored_pin_is_peppered_argon2id_not_the_pin() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        String stored = records.pinHash(device.deviceId());
        String[] parts = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] hash = Base64.getDecoder().decode(parts[5]);

        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertFalse(stored.contains(device.pin()));
        assertArrayEquals(hash, argon2id(device.pin(), salt, secrets.pinSecret()));
        assertFalse(java.util.Arrays.equals(hash, argon2id(device.pin(), salt, new byte[0])),
                "without the pepper the stored hash must not be reproducible");
    }

    private static byte[] argon2id(String pin, byte[] salt, byte[] secret) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1)
                .withSalt(salt).withSecret(secret).build());
        byte[] out = new byte[32];
        generator.generateBytes(pin.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
