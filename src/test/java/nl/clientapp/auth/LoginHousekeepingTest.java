package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestClock;

@QuarkusTest
class LoginHousekeepingTest {

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    LoginHousekeeping housekeeping;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void purge_deletes_challenges_expired_a_day_ago() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID oldChallenge = UUID.fromString(flow.challenge(invitee, UUID.randomUUID()).path("challengeId"));
        clock.advance(Duration.ofDays(1).plusMinutes(2).plusSeconds(1));
        UUID freshChallenge = UUID.fromString(flow.challenge(invitee, UUID.randomUUID()).path("challengeId"));

        housekeeping.purge();

        assertFalse(records.challengeExists(oldChallenge));
        assertTrue(records.challengeExists(freshChallenge));
    }
}
