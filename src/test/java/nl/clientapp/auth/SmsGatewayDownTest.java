package nl.clientapp.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.notification.SmsGatewaySwitch;

/** SECURITY.md R4: when the SMS gateway is down, the activation step answers 503 and never a false "sent". */
@QuarkusTest
class SmsGatewayDownTest {

    @Inject
    LoginFlow flow;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void gatewayUp() {
        SmsGatewaySwitch.up();
    }

    @Test
    void gateway_down_answers_503_with_retry_after_and_stores_no_code() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        SmsGatewaySwitch.down();

        flow.startActivation(invitee, activationCode).then()
                .statusCode(503)
                .header("Retry-After", "60")
                .body("type", equalTo("urn:clientapp:problem:sms-unavailable"));

        assertEquals(0, activations(invitee));
        assertEquals(0, flow.smsTo(invitee.mobile()).size());

        SmsGatewaySwitch.up();
        flow.startActivation(invitee, activationCode).then().statusCode(202);
        assertEquals(1, activations(invitee));
        assertEquals(1, flow.smsTo(invitee.mobile()).size());
    }

    private long activations(LoginFlow.Invitee invitee) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from activation where user_id = :user")
                .setParameter("user", invitee.userId()).getSingleResult()).longValue());
    }
}
