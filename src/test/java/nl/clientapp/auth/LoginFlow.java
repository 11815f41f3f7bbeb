package nl.clientapp.auth;

import static io.restassured.RestAssured.given;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.client.Client;
import nl.clientapp.notification.InMemorySmsSender;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;

/**
 * Drives the login flow over HTTP as the integrator and the app do: registration, the invitation
 * e-mail, the SMS code, activation with a real P-256 device key, and PIN logins. Each person gets
 * a fresh e-mail address, mobile number and client IP address, so tests do not share state.
 */
@ApplicationScoped
public class LoginFlow {

    public static final String PIN = "52817";
    private static final Pattern ACTIVATION_CODE = Pattern.compile("clientapp://activate\\?code=([A-Za-z0-9_-]+)");
    private static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Inject
    TestIntegrators integrators;

    @Inject
    TestAppUsers appUsers;

    @Inject
    TestOutbox outbox;

    @Inject
    InMemorySmsSender sms;

    /** A person registered for a client, with the integrator that registered them. */
    public record Invitee(TestIntegrators.Credentials integrator, String integratorToken, UUID clientId, UUID membershipId,
            UUID userId, String email, String mobile, String ipAddress) {

        /** Returns a request from this person's phone, at their own IP address. */
        public RequestSpecification app() {
            return given().contentType(ContentType.JSON).header("X-Forwarded-For", ipAddress);
        }
    }

    /** An activated device: its key pair, PIN and the tokens of its first session. */
    public record ActivatedDevice(Invitee invitee, UUID deviceId, KeyPair key, String pin, String accessToken,
            String refreshToken) {
    }

    /** Generates a P-256 key pair as a phone would in its secure storage. */
    public static KeyPair newDeviceKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyBase64(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /** Returns the base64 DER SHA256withECDSA signature of the decoded challenge. */
    public static String sign(KeyPair key, String challengeBase64) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(Base64.getDecoder().decode(challengeBase64));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String randomIpAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** Returns a random Dutch mobile number in the national notation, for example 06-12345678. */
    public static String randomDutchMobile() {
        return "06-1" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** Registers a new person for a new client of a new organisation and returns them. */
    public Invitee invite() {
        return invite("nl");
    }

    public Invitee invite(String language) {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        Client client = appUsers.createClient(integrator.organisationId(), "Mevrouw Jansen");
        String mobile = randomDutchMobile();
        String email = "naaste-" + UUID.randomUUID() + "@example.test";

        Response response = register(token, client.id, email, mobile, language);
        response.then().statusCode(201);
        return new Invitee(integrator, token, client.id, UUID.fromString(response.path("membershipId")),
                UUID.fromString(response.path("userId")), email, "+31" + mobile.substring(1).replace("-", ""),
                randomIpAddress());
    }

    public Response register(String integratorToken, UUID clientId, String email, String mobile, String language) {
        return given().auth().oauth2(integratorToken).contentType(ContentType.JSON)
                .body(Map.of("name", "Anna de Vries", "relation", "dochter", "email", email, "mobile", mobile,
                        "role", "FULL_ACCESS_ADMIN", "basis", "CONTACT_PERSON", "language", language))
                .post("/integration/v1/clients/{clientId}/members", clientId);
    }

    /** Returns the activation code of the newest invitation e-mail to {@code email}. */
    public String activationCode(String email) {
        List<Mail> mails = outbox.mailsTo(email);
        if (mails.isEmpty()) {
            throw new AssertionError("No e-mail was sent to the invitee");
        }
        Matcher matcher = ACTIVATION_CODE.matcher(mails.get(mails.size() - 1).getText());
        if (!matcher.find()) {
            throw new AssertionError("The invitation e-mail has no activation link");
        }
        return matcher.group(1);
    }

    public List<Mail> mails(String email) {
        return outbox.mailsTo(email);
    }

    /** Returns the SMS messages sent to an E.164 number, oldest first. */
    public List<InMemorySmsSender.StoredSms> smsTo(String mobile) {
        return sms.sentTo(mobile);
    }

    /** Returns the code in the newest SMS to an E.164 number. */
    public String smsCode(String mobile) {
        List<InMemorySmsSender.StoredSms> messages = sms.sentTo(mobile);
        if (messages.isEmpty()) {
            throw new AssertionError("No SMS was sent to the invitee");
        }
        Matcher matcher = SMS_CODE.matcher(messages.get(messages.size() - 1).text());
        if (!matcher.find()) {
            throw new AssertionError("The SMS has no 6-digit code");
        }
        return matcher.group(1);
    }

    public Response startActivation(Invitee invitee, String activationCode) {
        return invitee.app().body(Map.of("activationCode", activationCode)).post("/app/v1/auth/activations");
    }

    /** Requests an SMS code with the invitee's activation code and returns the activation id. */
    public UUID startActivation(Invitee invitee) {
        Response response = startActivation(invitee, activationCode(invitee.email()));
        response.then().statusCode(202);
        return UUID.fromString(response.path("activationId"));
    }

    public Response complete(Invitee invitee, UUID activationId, String smsCode, String pin, KeyPair key) {
        return invitee.app()
                .body(Map.of("smsCode", smsCode, "pin", pin, "devicePublicKey", publicKeyBase64(key), "deviceName", "Pixel 8"))
                .post("/app/v1/auth/activations/{id}/complete", activationId);
    }

    /** Registers, activates and returns a device with {@link #PIN}. */
    public ActivatedDevice activatedDevice() {
        return activate(invite());
    }

    public ActivatedDevice activate(Invitee invitee) {
        UUID activationId = startActivation(invitee);
        KeyPair key = newDeviceKey();
        Response response = complete(invitee, activationId, smsCode(invitee.mobile()), PIN, key);
        response.then().statusCode(201);
        return new ActivatedDevice(invitee, UUID.fromString(response.path("deviceId")), key, PIN,
                response.path("accessToken"), response.path("refreshToken"));
    }

    /** Returns a fresh challenge for a device id, as JSON path results. */
    public Response challenge(ActivatedDevice device) {
        return challenge(device.invitee(), device.deviceId());
    }

    public Response challenge(Invitee invitee, UUID deviceId) {
        return invitee.app().body(Map.of("deviceId", deviceId.toString())).post("/app/v1/auth/challenges");
    }

    /** Logs in with a new challenge signed by the device key and the given PIN. */
    public Response pinLogin(ActivatedDevice device, String pin) {
        Response challenge = challenge(device);
        challenge.then().statusCode(200);
        return pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"),
                sign(device.key(), challenge.path("challenge")), pin);
    }

    public Response pinLogin(Invitee invitee, UUID deviceId, String challengeId, String signature, String pin) {
        return invitee.app()
                .body(Map.of("deviceId", deviceId.toString(), "challengeId", challengeId, "pin", pin, "signature", signature))
                .post("/app/v1/auth/pin-login");
    }

    public Response refresh(Invitee invitee, String refreshToken) {
        return invitee.app().body(Map.of("refreshToken", refreshToken)).post("/app/v1/auth/token");
    }

    public static Response me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/app/v1/me");
    }
}
