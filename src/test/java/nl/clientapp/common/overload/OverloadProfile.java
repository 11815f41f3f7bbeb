package nl.clientapp.common.overload;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test build with small overload limits, so a test can take every connection, slot or Argon2
 * run itself and see how the API rejects further requests. It has a pool of two connections with
 * a short acquisition timeout, two requests served at once, one download slot, and one Argon2 run
 * with a short wait.
 */
public class OverloadProfile implements QuarkusTestProfile {

    static final int POOL_SIZE = 2;
    static final long RETRY_AFTER_SECONDS = 7;
    public static final int MAX_CONCURRENT_REQUESTS = 2;
    public static final long BUSY_RETRY_AFTER_SECONDS = 11;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.max-size", String.valueOf(POOL_SIZE)),
                Map.entry("quarkus.datasource.jdbc.min-size", "0"),
                Map.entry("quarkus.datasource.jdbc.initial-size", "0"),
                Map.entry("quarkus.datasource.jdbc.acquisition-timeout", "1s"),
                Map.entry("clientapp.database.retry-after", RETRY_AFTER_SECONDS + "s"),
                Map.entry("clientapp.overload.max-concurrent-requests", String.valueOf(MAX_CONCURRENT_REQUESTS)),
                Map.entry("clientapp.overload.retry-after", BUSY_RETRY_AFTER_SECONDS + "s"),
                Map.entry("clientapp.overload.max-concurrent-downloads", "1"),
                Map.entry("clientapp.overload.download-wait", "1s"),
                Map.entry("clientapp.auth.pin-check-concurrency", "1"),
                // Long enough for a test to send its requests while two PIN checks wait.
                Map.entry("clientapp.auth.pin-check-wait", "5s"));
    }
}
