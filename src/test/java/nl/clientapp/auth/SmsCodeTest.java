package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.support.TestClock;

/** The SMS code: 6 digits, 5 minutes, bound to its attempt, voided by a newer one or 3 wrong entries, used once. */
@QuarkusTest
class SmsCodeTest {

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    ServerSecrets secrets;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void sms_code_works_until_just_before_five_minutes() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        flow.complete(invitee, activationId, flow.smsCode(invitee.mobile()), LoginFlow.PIN, LoginFlow.newDeviceKey())
                .then().statusCode(201);
    }

    @Test
    void sms_code_expires_after_five_minutes() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);

        clock.advance(Duration.ofMinutes(5));

        flow.complete(invitee, activationId, flow.smsCode(invitee.mobile()), LoginFlow.PIN, LoginFlow.newDeviceKey())
                .then().statusCode(400);
    }

    @Test
    void newer_sms_code_voids_the_older_one() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID olderActivation = flow.startActivation(invitee);
        String olderCode = flow.smsCode(invitee.mobile());
        clock.advance(Duration.ofSeconds(61));
        UUID newerActivation = flow.startActivation(invitee);
        String newerCode = flow.smsCode(invitee.mobile());

        flow.complete(invitee, olderActivation, olderCode, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);

        flow.complete(invitee, newerActivation, newerCode, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(201);
    }

    @Test
    void sms_code_works_only_for_its_own_activation() {
        LoginFlow.Invitee invitee = flow.invite();
        LoginFlow.Invitee other = flow.invite();
        flow.startActivation(invitee);
        UUID otherActivation = flow.startActivation(other);
        String code = flow.smsCode(invitee.mobile());
        String otherCode = flow.smsCode(other.mobile());

        if (!code.equals(otherCode)) {
            flow.complete(other, otherActivation, code, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
        }

        flow.complete(other, otherActivation, otherCode, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(201);
    }

    @Test
    void two_wrong_codes_keep_code_usable() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        String code = flow.smsCode(invitee.mobile());

        flow.complete(invitee, activationId, wrong(code), LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
        flow.complete(invitee, activationId, wrong(code), LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);

        flow.complete(invitee, activationId, code, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(201);
    }

    @Test
    void third_wrong_sms_code_voids_the_code() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        String code = flow.smsCode(invitee.mobile());

        for (int i = 0; i < 3; i++) {
            flow.complete(invitee, activationId, wrong(code), LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
        }

        flow.complete(invitee, activationId, code, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
    }

    @Test
    void twenty_concurrent_right_codes_give_one_device() throws Exception {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        String code = flow.smsCode(invitee.mobile());
        KeyPair key = LoginFlow.newDeviceKey();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(20);

        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                statuses.add(executor.submit(() -> {
                    start.await();
                    return flow.complete(invitee, activationId, code, LoginFlow.PIN, key).statusCode();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get(60, TimeUnit.SECONDS));
            }

            assertEquals(1, results.stream().filter(status -> status == 201).count(), "statuses: " + results);
            assertEquals(19, results.stream().filter(status -> status == 400).count(), "statuses: " + results);
        } finally {
            executor.shutdownNow();
        }
        assertEquals(1, records.sessionCount(invitee.userId()));
    }

    @Test
    void sms_code_stored_as_keyed_hash() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);

        String code = flow.smsCode(invitee.mobile());
        String stored = records.smsCodeHash(activationId);

        assertTrue(code.matches("\\d{6}"));
        assertEquals(secrets.smsCodeHash(activationId, code), stored);
        assertNotEquals(SecureTokens.sha256Hex(code), stored, "an unkeyed hash of 6 digits is trivially reversed");
        assertTrue(!stored.contains(code));
    }

    private static String wrong(String code) {
        int last = code.charAt(5) - '0';
        return code.substring(0, 5) + (last + 1) % 10;
    }
}
