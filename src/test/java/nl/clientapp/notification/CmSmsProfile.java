package nl.clientapp.notification;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test build that sends SMS through the CM.com adapter to {@link CmGatewayStub}. */
public class CmSmsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // Build-time choice of the adapter; the stub sets the same value for the runtime.
        return Map.of("clientapp.sms.provider", "cm");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CmGatewayStub.class));
    }
}
