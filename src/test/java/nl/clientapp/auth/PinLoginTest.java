package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import nl.clientapp.support.TestClock;

/** PIN login: the PIN plus the device key's signature over a single-use challenge; 5 wrong PINs destroy the device. */
@QuarkusTest
class PinLoginTest {

    private static final String WRONG_PIN = "60394";

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    TestClock clock;

    @Inject
    PinHasher pinHasher;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void right_pin_with_signature_logs_in() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        Response response = flow.pinLogin(device, LoginFlow.PIN);

        response.then().statusCode(200);
        LoginFlow.me(response.path("accessToken")).then().statusCode(200);
    }

    @Test
    void right_pin_without_device_signature_is_useless() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        String otherKeySignature = signedByOtherKey(device);
        String garbage = Base64.getEncoder().encodeToString(new byte[70]);
        String otherBytesSignature = LoginFlow.sign(device.key(), Base64.getEncoder().encodeToString(new byte[32]));

        for (String signature : List.of(otherKeySignature, garbage, otherBytesSignature, "not base64!")) {
            Response challenge = flow.challenge(device);
            flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"), signature, LoginFlow.PIN)
                    .then().statusCode(401);
        }

        assertEquals(0, records.failedPins(device.deviceId()));
    }

    @Test
    void bad_signatures_do_not_count_as_pin_attempts() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        for (int i = 0; i < 6; i++) {
            Response challenge = flow.challenge(device);
            flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"), signedByOtherKey(device), WRONG_PIN)
                    .then().statusCode(401);
        }

        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(200);
    }

    @Test
    void challenge_is_single_use() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        Response challenge = flow.challenge(device);
        String signature = LoginFlow.sign(device.key(), challenge.path("challenge"));
        flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"), signature, LoginFlow.PIN)
                .then().statusCode(200);

        flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"), signature, LoginFlow.PIN)
                .then().statusCode(401);
    }

    @Test
    void challenge_expires_after_two_minutes() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        Response challenge = flow.challenge(device);
        String signature = LoginFlow.sign(device.key(), challenge.path("challenge"));

        clock.advance(Duration.ofMinutes(2));

        flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"), signature, LoginFlow.PIN)
                .then().statusCode(401);
    }

    @Test
    void challenge_of_another_device_is_rejected() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        LoginFlow.ActivatedDevice other = flow.activatedDevice();
        Response challenge = flow.challenge(other);

        String signature = LoginFlow.sign(device.key(), challenge.path("challenge"));

        flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"), signature, LoginFlow.PIN)
                .then().statusCode(401);
    }

    @Test
    void fifth_wrong_pin_destroys_device() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        for (int i = 0; i < 4; i++) {
            flow.pinLogin(device, WRONG_PIN).then().statusCode(401);
        }
        assertFalse(records.deviceDestroyed(device.deviceId()), "four wrong PINs must not destroy the device");

        flow.pinLogin(device, WRONG_PIN).then().statusCode(401);

        assertTrue(records.deviceDestroyed(device.deviceId()));
        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(401);
        LoginFlow.me(device.accessToken()).then().statusCode(401);
        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(401);
    }

    @Test
    void right_pin_resets_the_wrong_pin_count() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        for (int i = 0; i < 4; i++) {
            flow.pinLogin(device, WRONG_PIN).then().statusCode(401);
        }

        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(200);
        assertEquals(0, records.failedPins(device.deviceId()));
        for (int i = 0; i < 4; i++) {
            flow.pinLogin(device, WRONG_PIN).then().statusCode(401);
        }

        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(200);
    }

    @Test
    void concurrent_wrong_pins_all_count() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        List<Integer> statuses = wrongPinsInParallel(device, 5);

        assertEquals(List.of(401, 401, 401, 401, 401), statuses);
        assertEquals(5, records.failedPins(device.deviceId()));
        assertTrue(records.deviceDestroyed(device.deviceId()));
        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(401);
    }

    @Test
    void hundred_concurrent_wrong_pins_stop_at_limit() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        List<Integer> statuses = wrongPinsInParallel(device, 100);

        // The per-device failure limit (clientapp.throttle.failures-per-account-per-hour=10) answers the rest with 429.
        assertEquals(10, statuses.stream().filter(status -> status == 401).count(), "statuses: " + statuses);
        assertEquals(90, statuses.stream().filter(status -> status == 429).count(), "statuses: " + statuses);
        assertEquals(5, records.failedPins(device.deviceId()), "attempts after the device was destroyed must not count");
        assertTrue(records.deviceDestroyed(device.deviceId()));
        clock.advance(Duration.ofMinutes(61));
        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(401);
    }

    @Test
    void wrong_pins_racing_right_pin_all_count() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        List<Integer> statuses = pinsInParallel(device, List.of(WRONG_PIN, LoginFlow.PIN, WRONG_PIN, WRONG_PIN));

        assertEquals(List.of(401, 200, 401, 401), statuses);
        assertEquals(3, records.pinLoginFailures(device.deviceId()), "the right PIN must not count, every wrong PIN must");
        assertFalse(records.deviceDestroyed(device.deviceId()));
    }

    @Test
    void device_destroyed_during_pin_check_gets_no_session() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        long sessionsBefore = records.sessionCount(device.invitee().userId());
        ExecutorService executor = Executors.newSingleThreadExecutor();

        try {
            Future<Response> login;
            try (HeldPinChecks held = new HeldPinChecks(pinHasher)) {
                login = executor.submit(() -> flow.pinLogin(device, LoginFlow.PIN));
                held.awaitWaiting(1);
                records.destroyDevice(device.deviceId());
            }

            assertEquals(401, login.get(120, TimeUnit.SECONDS).statusCode());
        } finally {
            executor.shutdownNow();
        }
        assertEquals(sessionsBefore, records.sessionCount(device.invitee().userId()));
        assertEquals(1, records.pinLoginFailures(device.deviceId()), "the failed login must count");
    }

    @Test
    void right_pin_keeps_no_failure_counted() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(200);

        assertEquals(0, records.pinLoginFailures(device.deviceId()));
    }

    /** Sends {@code count} wrong PINs at once, each with its own signed challenge, and returns the statuses. */
    private List<Integer> wrongPinsInParallel(LoginFlow.ActivatedDevice device, int count) throws Exception {
        return pinsInParallel(device, Collections.nCopies(count, WRONG_PIN));
    }

    /** Sends one login per PIN at once, each with its own signed challenge, and returns the statuses in the order of {@code pins}. */
    private List<Integer> pinsInParallel(LoginFlow.ActivatedDevice device, List<String> pins) throws Exception {
        List<String[]> signedChallenges = new ArrayList<>();
        for (String pin : pins) {
            Response challenge = flow.challenge(device);
            signedChallenges.add(new String[] { challenge.path("challengeId"), LoginFlow.sign(device.key(), challenge.path("challenge")), pin });
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(pins.size());

        List<Future<Integer>> pending = new ArrayList<>();
        try {
            for (String[] signed : signedChallenges) {
                pending.add(executor.submit(() -> {
                    start.await();
                    return flow.pinLogin(device.invitee(), device.deviceId(), signed[0], signed[1], signed[2]).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pending) {
                statuses.add(status.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void destroyed_device_user_activates_again_with_new_invitation() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        for (int i = 0; i < 5; i++) {
            flow.pinLogin(device, WRONG_PIN).then().statusCode(401);
        }

        RestAssured.given().auth().oauth2(device.invitee().integratorToken())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", device.invitee().clientId(),
                        device.invitee().membershipId())
                .then().statusCode(201);
        clock.advance(Duration.ofSeconds(61));
        LoginFlow.ActivatedDevice reactivated = flow.activate(device.invitee());

        flow.pinLogin(reactivated, LoginFlow.PIN).then().statusCode(200);
    }

    private static String signedByOtherKey(LoginFlow.ActivatedDevice device) {
        return LoginFlow.sign(LoginFlow.newDeviceKey(), Base64.getEncoder().encodeToString(new byte[32]));
    }
}
