package nl.clientapp.common.overload;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test build with small overload limits: a pool of two connections with a short acquisition
 * timeout, so a test can take every connection itself; two requests served at once; and one
 * Argon2 run with a short wait, so a test can hold PIN checks and see how the API turns further
 * requests away.
 */
public class OverloadProfile implements QuarkusTestProfile {

    static final int POOL_SIZE = 2;
    static final long RETRY_AFTER_SECONDS = 7;
    public static final int MAX_CONCURRENT_REQUESTS = 2;
    public static final long BUSY_RETRY_AFTER_SECONDS = 11;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.max-size", String.valueOf(POOL_SIZE),
                "quarkus.datasource.jdbc.min-size", "0",
                "quarkus.datasource.jdbc.initial-size", "0",
                "quarkus.datasource.jdbc.acquisition-timeout", "1s",
                "clientapp.database.retry-after", RETRY_AFTER_SECONDS + "s",
                "clientapp.overload.max-concurrent-requests", String.valueOf(MAX_CONCURRENT_REQUESTS),
                "clientapp.overload.retry-after", BUSY_RETRY_AFTER_SECONDS + "s",
                "clientapp.auth.pin-check-concurrency", "1",
                // Long enough for a test to send its requests while two PIN checks wait.
                "clientapp.auth.pin-check-wait", "5s");
    }
}
