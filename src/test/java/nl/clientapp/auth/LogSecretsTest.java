package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The login flow logs ids only: no codes, PINs, tokens, phone numbers or e-mail addresses. */
@QuarkusTest
class LogSecretsTest {

    private final List<String> messages = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (messages) {
                messages.add(formatter.formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    LoginFlow flow;

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void login_flow_logs_no_secrets_or_contacts() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        UUID activationId = flow.startActivation(invitee);
        String smsCode = flow.smsCode(invitee.mobile());
        Response activated = flow.complete(invitee, activationId, smsCode, LoginFlow.PIN, LoginFlow.newDeviceKey());
        String accessToken = activated.path("accessToken");
        String refreshToken = activated.path("refreshToken");
        flow.refresh(invitee, refreshToken).then().statusCode(200);
        flow.refresh(invitee, refreshToken).then().statusCode(401);
        LoginFlow.me(accessToken).then().statusCode(401);

        String log;
        synchronized (messages) {
            log = String.join("\n", messages);
        }

        assertTrue(log.contains(activationId.toString()), "the capture must see the flow's own log lines");
        assertFalse(log.contains(activationCode), "activation code");
        assertFalse(Pattern.compile("(?<![0-9a-f])" + smsCode + "(?![0-9a-f])").matcher(log).find(), "SMS code");
        assertFalse(Pattern.compile("(?<![0-9a-f])" + LoginFlow.PIN + "(?![0-9a-f])").matcher(log).find(), "PIN");
        assertFalse(log.contains(accessToken.split("\\.")[2]), "access token");
        assertFalse(log.contains(refreshToken), "refresh token");
        assertFalse(log.contains(invitee.mobile().substring(3)), "mobile number");
        assertFalse(log.contains(invitee.email()), "e-mail address");
    }
}
