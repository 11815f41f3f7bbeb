package nl.clientapp.common.overload;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test build with a pool of two connections and a short acquisition timeout, so a test can take
 * every connection itself and see how the API responds when none is free.
 */
public class TinyPoolProfile implements QuarkusTestProfile {

    static final int POOL_SIZE = 2;
    static final long RETRY_AFTER_SECONDS = 7;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.max-size", String.valueOf(POOL_SIZE),
                "quarkus.datasource.jdbc.min-size", "0",
                "quarkus.datasource.jdbc.initial-size", "0",
                "quarkus.datasource.jdbc.acquisition-timeout", "1s",
                "clientapp.database.retry-after", RETRY_AFTER_SECONDS + "s");
    }
}
