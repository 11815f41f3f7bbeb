package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** PIN logins hold no pooled database connection while their PIN is checked. */
@QuarkusTest
@TestProfile(PinCheckConnectionTest.SmallPoolProfile.class)
class PinCheckConnectionTest {

    private static final int LOGINS = 3;

    /**
     * A pool of two connections, the fewest that Flyway starts with, so logins that held them
     * during the check would block every other request.
     */
    public static class SmallPoolProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2");
        }
    }

    @Inject
    LoginFlow flow;

    @Inject
    PinHasher pinHasher;

    @Test
    void waiting_pin_checks_leave_the_pool_free() throws Exception {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        ExecutorService executor = Executors.newFixedThreadPool(LOGINS);

        try {
            List<Future<Response>> logins = new ArrayList<>();
            try (HeldPinChecks held = new HeldPinChecks(pinHasher)) {
                for (int i = 0; i < LOGINS; i++) {
                    logins.add(executor.submit(() -> flow.pinLogin(device, LoginFlow.PIN)));
                }
                held.awaitWaiting(LOGINS);

                // This request needs a pooled connection while more logins than the pool has connections wait for their PIN check.
                flow.challenge(device).then().statusCode(200);
            }

            for (Future<Response> login : logins) {
                assertEquals(200, login.get(120, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
