package nl.clientapp.common.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Production-like set-up behind a TLS-terminating reverse proxy: HTTPS required, and the test
 * profile's trusted proxy 127.0.0.1 may vouch for it with {@code X-Forwarded-Proto: https}.
 */
public class TrustedProxyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clientapp.http.require-https", "true");
    }
}
