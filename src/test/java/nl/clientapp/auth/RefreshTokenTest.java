package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
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
import io.restassured.response.Response;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.support.TestClock;

/** Refresh tokens: opaque, hashed, rotated on every use, replay revokes the session; logout works on the next request. */
@QuarkusTest
class RefreshTokenTest {

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void refresh_rotates_the_token() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        Response refreshed = flow.refresh(device.invitee(), device.refreshToken());

        refreshed.then().statusCode(200).header("Cache-Control", "no-store");
        String next = refreshed.path("refreshToken");
        assertFalse(next.equals(device.refreshToken()));
        flow.refresh(device.invitee(), next).then().statusCode(200);
    }

    @Test
    void replayed_refresh_token_revokes_the_session() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        Response refreshed = flow.refresh(device.invitee(), device.refreshToken());

        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(401);

        flow.refresh(device.invitee(), refreshed.path("refreshToken")).then().statusCode(401);
        LoginFlow.me(refreshed.path("accessToken")).then().statusCode(401);
        LoginFlow.me(device.accessToken()).then().statusCode(401);
    }

    @Test
    void replay_leaves_other_sessions_alone() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        Response otherSession = flow.pinLogin(device, LoginFlow.PIN);
        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(200);

        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(401);

        LoginFlow.me(otherSession.path("accessToken")).then().statusCode(200);
        flow.refresh(device.invitee(), otherSession.path("refreshToken")).then().statusCode(200);
    }

    @Test
    void parallel_refresh_with_one_token_succeeds_once() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(10);

        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                statuses.add(executor.submit(() -> {
                    start.await();
                    return flow.refresh(device.invitee(), device.refreshToken()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get(60, TimeUnit.SECONDS));
            }

            assertEquals(1, results.stream().filter(status -> status == 200).count(), "statuses: " + results);
            assertEquals(9, results.stream().filter(status -> status == 401).count(), "statuses: " + results);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void refresh_token_valid_before_30_days() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        clock.advance(Duration.ofDays(30).minusSeconds(1));

        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(200);
    }

    @Test
    void refresh_token_expires_after_30_idle_days() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        clock.advance(Duration.ofDays(30));

        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(401);
    }

    @Test
    void refresh_token_is_opaque_random_and_stored_hashed() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        List<String> storedHashes = records.refreshTokenHashes(device.invitee().userId());

        assertFalse(device.refreshToken().contains("."), "a refresh token is not a JWT");
        assertTrue(device.refreshToken().length() >= 43, "256 bits as base64url are 43 characters");
        assertEquals(List.of(SecureTokens.sha256Hex(device.refreshToken())), storedHashes);
    }

    @Test
    void logout_takes_effect_on_the_next_request() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        LoginFlow.me(device.accessToken()).then().statusCode(200);

        given().auth().oauth2(device.accessToken()).post("/app/v1/auth/logout").then().statusCode(204);

        LoginFlow.me(device.accessToken()).then().statusCode(401);
        flow.refresh(device.invitee(), device.refreshToken()).then().statusCode(401);
        given().auth().oauth2(device.accessToken()).post("/app/v1/auth/logout").then().statusCode(401);
    }

    @Test
    void logout_without_token_is_401() {
        given().post("/app/v1/auth/logout").then().statusCode(401);
    }
}
