package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** The CM.com adapter with its timeouts, retries and circuit breaker, against a loopback stand-in. */
@QuarkusTest
@TestProfile(CmSmsProfile.class)
class CmSmsSenderTest {

    static final String MESSAGE_PATH = "/v1.0/message";
    static final String ACCEPTED = """
            {"details":"Created 1 message(s)","errorCode":0,"messages":[{"to":"0031612345678","status":"Accepted",
            "reference":"r","parts":1,"messageDetails":null,"messageErrorCode":0}]}""";

    @Inject
    SmsSender sender;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    private final WireMock gateway = CmGatewayStub.client();

    @BeforeEach
    void reset() {
        gateway.resetMappings();
        gateway.resetRequests();
        gateway.resetScenarios();
        circuitBreakers.resetAll();
    }

    @Test
    void accepted_message_is_posted_as_cm_json() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).willReturn(accepted()));

        sender.send("+31612345678", "Uw code is 123456.");

        gateway.verifyThat(1, postRequestedFor(urlEqualTo(MESSAGE_PATH))
                .withHeader("X-CM-PRODUCTTOKEN", equalTo(CmGatewayStub.PRODUCT_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.messages.msg[0].from", equalTo("CliëntApp")))
                .withRequestBody(matchingJsonPath("$.messages.msg[0].to[0].number", equalTo("+31612345678")))
                .withRequestBody(matchingJsonPath("$.messages.msg[0].body.content", equalTo("Uw code is 123456.")))
                .withRequestBody(matchingJsonPath("$.messages.msg[0].reference")));
    }

    @Test
    void server_error_then_success_is_retried() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(accepted()));

        sender.send("+31612345678", "Uw code is 123456.");

        gateway.verifyThat(2, postRequestedFor(urlEqualTo(MESSAGE_PATH)));
    }

    @Test
    void slow_gateway_times_out_after_three_attempts() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).willReturn(accepted().withFixedDelay(1_500)));

        SmsFailedException failure = assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));

        assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
        gateway.verifyThat(3, postRequestedFor(urlEqualTo(MESSAGE_PATH)));
    }

    @Test
    void malformed_body_is_not_reported_as_sent() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));

        SmsFailedException failure = assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));

        assertInstanceOf(SmsRejectedException.class, failure);
        gateway.verifyThat(1, postRequestedFor(urlEqualTo(MESSAGE_PATH)));
    }

    @Test
    void message_not_accepted_is_not_reported_as_sent() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).willReturn(aResponse().withStatus(200).withBody("""
                {"details":"No account found","errorCode":101,"messages":[]}""")));

        assertThrows(SmsRejectedException.class, () -> sender.send("+31612345678", "text"));
    }

    @Test
    void rate_limited_is_not_retried() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

        assertThrows(SmsRejectedException.class, () -> sender.send("+31612345678", "text"));

        gateway.verifyThat(1, postRequestedFor(urlEqualTo(MESSAGE_PATH)));
    }

    @Test
    void failing_gateway_opens_the_circuit() {
        gateway.register(post(urlEqualTo(MESSAGE_PATH)).willReturn(aResponse().withStatus(503)));

        assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));
        assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));
        int requestsBeforeOpen = gateway.find(postRequestedFor(urlEqualTo(MESSAGE_PATH))).size();
        assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));

        assertFalse(sender.isAvailable());
        assertEquals(requestsBeforeOpen, gateway.find(postRequestedFor(urlEqualTo(MESSAGE_PATH))).size(),
                "an open circuit must not call the gateway");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(ACCEPTED);
    }
}
