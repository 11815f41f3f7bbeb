package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock stand-in for CM.com's gateway on 127.0.0.1, started before the application. Tests
 * reach it through {@link #client()}, the admin API on the same port, because Quarkus loads this
 * class in another class loader than the test's.
 */
public class CmGatewayStub implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "cm-gateway-stub.port";
    /** Test-only product token. */
    static final String PRODUCT_TOKEN = "00000000-0000-0000-0000-test-only-000";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        System.setProperty(PORT_PROPERTY, String.valueOf(server.port()));
        return Map.of(
                "clientapp.sms.provider", "cm",
                "clientapp.sms.base-url", "http://127.0.0.1:" + server.port(),
                "clientapp.sms.product-token", PRODUCT_TOKEN,
                "clientapp.sms.request-timeout", "PT0.5S",
                "clientapp.sms.retry-after", "PT30S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Returns a client for the running stub. */
    static WireMock client() {
        return new WireMock("127.0.0.1", Integer.getInteger(PORT_PROPERTY));
    }
}
