package nl.clientapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestOutbox;

/** Messages a relay claimed but did not send when the application shut down. */
@QuarkusTest
class OutboxShutdownTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    TestOutbox testOutbox;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @BeforeEach
    void setClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void released_message_is_due_at_once() {
        String address = "shutdown-" + UUID.randomUUID() + "@example.test";
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.email(address, "Onderwerp", "Tekst", "test"));
        Instant leaseEnd = clock.instant().plusSeconds(300);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update outbox_message set attempts = attempts + 1, next_attempt_at = :leaseEnd where id = :id")
                .setParameter("leaseEnd", leaseEnd).setParameter("id", id).executeUpdate());
        OutboxRelay.Message claimed = new OutboxRelay.Message(id, Outbox.Channel.EMAIL, address, "Onderwerp", "Tekst", null,
                "test", 1);

        QuarkusTransaction.requiringNew().run(() -> relay.release(List.of(claimed)));

        TestOutbox.State released = testOutbox.state(id);
        assertEquals("PENDING", released.status());
        assertEquals(0, released.attempts(), "the handed-back attempt is not counted");
        assertEquals(clock.instant(), released.nextAttemptAt(), "due at once, not after the lease");
        assertEquals(1, testOutbox.sentCount(address), "the next relay run sends it without moving the clock");
    }
}
