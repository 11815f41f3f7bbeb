package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.audit.AuditRecords;
import nl.clientapp.notification.InMemorySmsSender;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestOutbox;

/**
 * The app user's own contact details. A new mobile number or e-mail address needs an SMS code and
 * the device's PIN, and a new address also a code sent to it. The old number and address are
 * notified, and the codes follow the login code rules.
 */
@QuarkusTest
class ContactChangeTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String MOBILE_NOTICE_NL = "Het mobiele nummer van uw CliëntApp-account is gewijzigd.";
    private static final String MOBILE_MAIL_NL = "Uw mobiele nummer voor de CliëntApp is gewijzigd";
    private static final String EMAIL_MAIL_NL = "Uw e-mailadres voor de CliëntApp is gewijzigd";

    @Inject
    LoginFlow flow;

    @Inject
    TestClock clock;

    @Inject
    TestOutbox outbox;

    @Inject
    ContactRecords contacts;

    @Inject
    AuditRecords audit;

    /** Tokens are signed at this clock's time and verified at the real time, so it starts each test at the real time. */
    @BeforeEach
    void startClockNow() {
        clock.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void mobile_change_moves_sms_to_new_number() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String oldMobile = device.invitee().mobile();
        String newMobile = newMobile();

        Response started = requestMobile(device, nationalNotation(newMobile));
        started.then().statusCode(202)
                .body("smsSentTo", equalTo("•••• •• " + newMobile.substring(newMobile.length() - 2)));
        assertEquals(1, flow.smsTo(oldMobile).size(), "only the activation code went to the old number");
        confirmMobile(device, changeId(started), flow.smsCode(newMobile), device.pin()).then().statusCode(204);

        assertEquals(newMobile, contacts.of(device.invitee().userId()).mobile());
        outbox.deliver();
        List<InMemorySmsSender.StoredSms> toOldNumber = flow.smsTo(oldMobile);
        assertTrue(toOldNumber.get(toOldNumber.size() - 1).text().startsWith(MOBILE_NOTICE_NL), "notice SMS to the old number");
        assertFalse(toOldNumber.get(toOldNumber.size() - 1).text().contains(newMobile.substring(3)), "notice hides the new number");
        assertEquals(1, mailsWithSubject(device.invitee().email(), MOBILE_MAIL_NL));
        reactivationStarted(device.invitee());
        assertEquals(2, flow.smsTo(newMobile).size(), "the next activation sends its code to the new number");
    }

    @Test
    void mobile_change_keeps_other_sessions() {
        LoginFlow.ActivatedDevice device = flow.activate(flow.invite());
        Response otherSession = flow.pinLogin(device, device.pin());
        otherSession.then().statusCode(200);
        clock.advance(Duration.ofSeconds(61));
        String newMobile = newMobile();

        Response started = requestMobile(device, newMobile);
        confirmMobile(device, changeId(started), flow.smsCode(newMobile), device.pin()).then().statusCode(204);

        flow.refresh(device.invitee(), otherSession.path("refreshToken")).then().statusCode(200);
        LoginFlow.me(device.accessToken()).then().statusCode(200);
    }

    @Test
    void notices_use_users_language() {
        LoginFlow.ActivatedDevice device = activated(flow.invite("en"));
        String oldMobile = device.invitee().mobile();
        String newMobile = newMobile();

        Response started = requestMobile(device, newMobile);
        confirmMobile(device, changeId(started), flow.smsCode(newMobile), device.pin()).then().statusCode(204);

        outbox.deliver();
        List<InMemorySmsSender.StoredSms> toOldNumber = flow.smsTo(oldMobile);
        assertTrue(toOldNumber.get(toOldNumber.size() - 1).text().startsWith("The mobile number of your CliëntApp account was changed."));
        assertEquals(1, mailsWithSubject(device.invitee().email(), "Your mobile number for the CliëntApp was changed"));
    }

    @Test
    void wrong_code_changes_nothing_and_third_voids() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));
        String code = flow.smsCode(newMobile);
        String wrong = code.equals("000000") ? "000001" : "000000";

        confirmMobile(device, changeId, wrong, device.pin()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:contact-change-failed"))
                .body("title", equalTo("Wijziging niet bevestigd"));
        confirmMobile(device, changeId, wrong, device.pin()).then().statusCode(400);
        confirmMobile(device, changeId, wrong, device.pin()).then().statusCode(400);
        confirmMobile(device, changeId, code, device.pin()).then().statusCode(400);

        assertEquals(device.invitee().mobile(), contacts.of(device.invitee().userId()).mobile());
        assertEquals(0, mailsWithSubject(device.invitee().email(), MOBILE_MAIL_NL));
    }

    @Test
    void wrong_pin_changes_nothing() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));

        confirmMobile(device, changeId, flow.smsCode(newMobile), "97531").then().statusCode(403)
                .body("type", equalTo("urn:clientapp:problem:pin-confirmation-failed"));

        assertEquals(device.invitee().mobile(), contacts.of(device.invitee().userId()).mobile());
        confirmMobile(device, changeId, flow.smsCode(newMobile), device.pin()).then().statusCode(204);
    }

    @Test
    void code_expires_after_five_minutes() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));

        clock.advance(Duration.ofMinutes(5));

        confirmMobile(device, changeId, flow.smsCode(newMobile), device.pin()).then().statusCode(400);
        assertEquals(device.invitee().mobile(), contacts.of(device.invitee().userId()).mobile());
    }

    @Test
    void newer_request_voids_older_code() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String firstMobile = newMobile();
        String secondMobile = newMobile();
        UUID firstChange = changeId(requestMobile(device, firstMobile));
        String firstCode = flow.smsCode(firstMobile);
        clock.advance(Duration.ofSeconds(61));

        UUID secondChange = changeId(requestMobile(device, secondMobile));

        confirmMobile(device, firstChange, firstCode, device.pin()).then().statusCode(400);
        confirmMobile(device, secondChange, flow.smsCode(secondMobile), device.pin()).then().statusCode(204);
        assertEquals(secondMobile, contacts.of(device.invitee().userId()).mobile());
    }

    @Test
    void change_is_bound_to_requesting_session() {
        LoginFlow.ActivatedDevice device = flow.activate(flow.invite());
        Response otherSession = flow.pinLogin(device, device.pin());
        otherSession.then().statusCode(200);
        clock.advance(Duration.ofSeconds(61));
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));

        device.invitee().app().auth().oauth2(otherSession.path("accessToken"))
                .body(Map.of("smsCode", flow.smsCode(newMobile), "pin", device.pin()))
                .post("/app/v1/me/mobile-changes/{changeId}/confirmation", changeId)
                .then().statusCode(400);

        assertEquals(device.invitee().mobile(), contacts.of(device.invitee().userId()).mobile());
    }

    @Test
    void parallel_confirmations_change_once() throws Exception {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String oldMobile = device.invitee().mobile();
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));
        String code = flow.smsCode(newMobile);
        int parallel = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Integer>> statuses = new ArrayList<>();

        try {
            for (int i = 0; i < parallel; i++) {
                Callable<Integer> confirmation = () -> {
                    start.await();
                    return confirmMobile(device, changeId, code, device.pin()).statusCode();
                };
                statuses.add(pool.submit(confirmation));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }

            assertEquals(1, results.stream().filter(status -> status == 204).count(), "statuses " + results);
            assertEquals(parallel - 1, results.stream().filter(status -> status == 400).count(), "statuses " + results);
        } finally {
            pool.shutdownNow();
        }
        outbox.deliver();
        long notices = flow.smsTo(oldMobile).stream().filter(sms -> sms.text().startsWith(MOBILE_NOTICE_NL)).count();
        assertEquals(1, notices);
        assertEquals(1, mailsWithSubject(device.invitee().email(), MOBILE_MAIL_NL));
    }

    @Test
    void invalid_or_own_number_rejected() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());

        requestMobile(device, "020-1234567").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("mobile"))
                .body("errors[0].message", equalTo("Dit is geen geldig mobiel nummer."));
        device.invitee().app().auth().oauth2(device.accessToken()).header("Accept-Language", "en")
                .body(Map.of("mobile", "+1 202 555 0101"))
                .post("/app/v1/me/mobile-changes")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("SMS codes cannot be sent to numbers from this country."));
        requestMobile(device, device.invitee().mobile()).then().statusCode(400)
                .body("errors[0].message", equalTo("Dit is al uw mobiele nummer."));

        assertEquals(1, flow.smsTo(device.invitee().mobile()).size(), "only the activation code was sent");
    }

    @Test
    void sms_codes_share_login_throttle() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        requestMobile(device, newMobile()).then().statusCode(202);

        Response tooSoon = requestMobile(device, newMobile());

        tooSoon.then().statusCode(429);
        int retryAfter = Integer.parseInt(tooSoon.header("Retry-After"));
        assertTrue(retryAfter > 0, "Retry-After " + retryAfter);
        assertTrue(retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void idempotency_key_replays_without_second_sms() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String newMobile = newMobile();
        String key = UUID.randomUUID().toString();

        Response first = requestMobile(device, newMobile, key);
        Response retry = requestMobile(device, newMobile, key);

        first.then().statusCode(202);
        retry.then().statusCode(202);
        assertEquals(changeId(first), changeId(retry));
        assertEquals(1, flow.smsTo(newMobile).size());
        requestMobile(device, newMobile(), key).then().statusCode(422);
    }

    @Test
    void wrong_codes_count_toward_sms_code_lockout() {
        LoginFlow.Invitee sameAddress = flow.invite();
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        for (int i = 0; i < 10; i++) {
            confirmMobile(device, UUID.randomUUID(), "000000", device.pin()).then().statusCode(400);
        }
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));

        confirmMobile(device, changeId, flow.smsCode(newMobile), device.pin()).then().statusCode(429);

        assertEquals(device.invitee().mobile(), contacts.of(device.invitee().userId()).mobile());
        sameAddress = new LoginFlow.Invitee(sameAddress.integrator(), sameAddress.integratorToken(), sameAddress.clientId(),
                sameAddress.membershipId(), sameAddress.userId(), sameAddress.email(), sameAddress.mobile(),
                device.invitee().ipAddress());
        for (int i = 0; i < 20; i++) {
            flow.complete(sameAddress, UUID.randomUUID(), "000000", LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
        }
        flow.complete(sameAddress, UUID.randomUUID(), "000000", LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(429);
    }

    @Test
    void email_change_needs_both_codes() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String oldEmail = device.invitee().email();
        String newEmail = "Nieuw-" + UUID.randomUUID() + "@Example.test";
        String stored = newEmail.toLowerCase();

        Response started = requestEmail(device, newEmail);
        started.then().statusCode(202)
                .body("emailSentTo", equalTo("n***@example.test"));
        String smsCode = flow.smsCode(device.invitee().mobile());
        String emailCode = emailCode(stored);
        String wrongEmailCode = emailCode.equals("000000") ? "000001" : "000000";
        confirmEmail(device, changeId(started), smsCode, wrongEmailCode, device.pin()).then().statusCode(400);
        confirmEmail(device, changeId(started), smsCode, emailCode, device.pin()).then().statusCode(204);

        assertEquals(stored, contacts.of(device.invitee().userId()).email());
        assertEquals(1, mailsWithSubject(oldEmail, EMAIL_MAIL_NL));
        assertFalse(lastMail(oldEmail).getText().contains(stored), "notice hides the new address");
        given().auth().oauth2(device.invitee().integratorToken())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", device.invitee().clientId(),
                        device.invitee().membershipId())
                .then().statusCode(201);
        assertEquals("Uw inloggegevens voor de CliëntApp", lastMail(stored).getSubject());
    }

    @Test
    void own_address_in_other_case_is_unchanged() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());

        requestEmail(device, device.invitee().email().toUpperCase()).then().statusCode(400)
                .body("errors[0].field", equalTo("email"))
                .body("errors[0].message", equalTo("Dit is al uw e-mailadres."));

        assertEquals(1, flow.smsTo(device.invitee().mobile()).size(), "only the activation code was sent");
    }

    @Test
    void address_of_other_account_gets_same_409() {
        // Both other accounts first: after activated() the clock runs 61 s ahead, and a token
        // issued then is not yet valid by the real clock the token check uses.
        LoginFlow.Invitee activated = flow.activatedDevice().invitee();
        LoginFlow.Invitee invitedOnly = flow.invite();
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        int mailsToActivated = outbox.sentCount(activated.email());
        int mailsToInvited = outbox.sentCount(invitedOnly.email());

        Response first = requestEmail(device, activated.email().toUpperCase());
        Response second = requestEmail(device, invitedOnly.email());

        first.then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:contact-in-use"));
        assertEquals(first.asString(), second.asString());
        assertEquals(mailsToActivated, outbox.sentCount(activated.email()));
        assertEquals(mailsToInvited, outbox.sentCount(invitedOnly.email()));
        assertEquals(1, flow.smsTo(device.invitee().mobile()).size(), "no SMS code for a refused address");
        device.invitee().app().auth().oauth2(device.accessToken()).header("Accept-Language", "en")
                .body(Map.of("email", invitedOnly.email()))
                .post("/app/v1/me/email-changes")
                .then().statusCode(409)
                .body("title", equalTo("Already in use"));
    }

    @Test
    void address_taken_before_confirmation_gets_409() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String newAddress = "gewild-" + UUID.randomUUID() + "@example.test";
        Response started = requestEmail(device, newAddress);
        String smsCode = flow.smsCode(device.invitee().mobile());
        String emailCode = emailCode(newAddress);

        flow.register(device.invitee().integratorToken(), device.invitee().clientId(), newAddress, LoginFlow.randomDutchMobile(), "nl")
                .then().statusCode(201);

        confirmEmail(device, changeId(started), smsCode, emailCode, device.pin()).then().statusCode(409)
                .body("type", equalTo("urn:clientapp:problem:contact-in-use"));
        confirmEmail(device, changeId(started), smsCode, emailCode, device.pin()).then().statusCode(400);
        assertEquals(device.invitee().email(), contacts.of(device.invitee().userId()).email());
    }

    @Test
    void confirmed_change_writes_audit_entry_per_client() {
        LoginFlow.ActivatedDevice device = activated(flow.invite());
        String newMobile = newMobile();
        UUID changeId = changeId(requestMobile(device, newMobile));

        confirmMobile(device, changeId, flow.smsCode(newMobile), device.pin()).then().statusCode(204);

        List<Object[]> entries = audit.entries("account.contact-change", device.invitee().userId().toString());
        assertEquals(1, entries.size());
        assertEquals("UPDATE", entries.get(0)[1]);
        assertEquals("SUCCESS", entries.get(0)[2]);
        assertEquals(device.invitee().clientId(), entries.get(0)[6]);
        assertEquals("contact-details", entries.get(0)[8]);
    }

    private Response requestMobile(LoginFlow.ActivatedDevice device, String mobile) {
        return device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of("mobile", mobile))
                .post("/app/v1/me/mobile-changes");
    }

    private Response requestMobile(LoginFlow.ActivatedDevice device, String mobile, String idempotencyKey) {
        return device.invitee().app().auth().oauth2(device.accessToken()).header("Idempotency-Key", idempotencyKey)
                .body(Map.of("mobile", mobile))
                .post("/app/v1/me/mobile-changes");
    }

    private static Response confirmMobile(LoginFlow.ActivatedDevice device, UUID changeId, String smsCode, String pin) {
        return device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of("smsCode", smsCode, "pin", pin))
                .post("/app/v1/me/mobile-changes/{changeId}/confirmation", changeId);
    }

    private static Response requestEmail(LoginFlow.ActivatedDevice device, String email) {
        return device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of("email", email))
                .post("/app/v1/me/email-changes");
    }

    private static Response confirmEmail(LoginFlow.ActivatedDevice device, UUID changeId, String smsCode, String emailCode,
            String pin) {
        return device.invitee().app().auth().oauth2(device.accessToken())
                .body(Map.of("smsCode", smsCode, "emailCode", emailCode, "pin", pin))
                .post("/app/v1/me/email-changes/{changeId}/confirmation", changeId);
    }

    /**
     * Activates a device for the invitee and moves the clock past the minimum interval between two
     * SMS codes, so the activation's code does not hold back the first contact change.
     */
    private LoginFlow.ActivatedDevice activated(LoginFlow.Invitee invitee) {
        LoginFlow.ActivatedDevice device = flow.activate(invitee);
        clock.advance(Duration.ofSeconds(61));
        return device;
    }

    /** Sends a new invitation and starts a re-activation with it, which sends an SMS code. */
    private void reactivationStarted(LoginFlow.Invitee invitee) {
        given().auth().oauth2(invitee.integratorToken())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", invitee.clientId(),
                        invitee.membershipId())
                .then().statusCode(201);
        clock.advance(Duration.ofSeconds(61));
        flow.startActivation(invitee);
    }

    private String emailCode(String address) {
        Matcher matcher = CODE.matcher(lastMail(address).getText());
        assertTrue(matcher.find(), "the e-mail has a 6-digit code");
        return matcher.group(1);
    }

    private Mail lastMail(String address) {
        List<Mail> mails = outbox.mailsTo(address);
        assertFalse(mails.isEmpty(), "an e-mail was sent");
        return mails.get(mails.size() - 1);
    }

    private long mailsWithSubject(String address, String subject) {
        return outbox.mailsTo(address).stream().filter(mail -> subject.equals(mail.getSubject())).count();
    }

    private static UUID changeId(Response started) {
        return UUID.fromString(started.path("changeId"));
    }

    /** Returns a random Dutch mobile number in E.164. */
    private static String newMobile() {
        String national = LoginFlow.randomDutchMobile();
        return "+31" + national.substring(1).replace("-", "");
    }

    private static String nationalNotation(String e164) {
        return "06-" + e164.substring(4);
    }
}
