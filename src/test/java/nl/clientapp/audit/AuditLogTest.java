package nl.clientapp.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;

@QuarkusTest
class AuditLogTest {

    private static final Instant MORNING = Instant.parse("2026-03-10T08:15:00Z");

    /** Loopback addresses as Vert.x prints them, because localhost may resolve to IPv4 or IPv6. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Inject
    AuditRecords records;

    @Inject
    AuditLog auditLog;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void report_list_read_writes_success_entry() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);
        Instant now = Instant.parse("2026-03-11T10:00:00Z");
        clock.set(now);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200);

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        Object[] entry = entries.get(0);
        assertEquals("dossier.reports.read", entry[0]);
        assertEquals("READ", entry[1]);
        assertEquals("SUCCESS", entry[2]);
        assertEquals("APP_USER", entry[3]);
        assertEquals(reader.userId().toString(), entry[4]);
        assertEquals("FULL_ACCESS", entry[5]);
        assertEquals(clientId, entry[6]);
        assertNull(entry[7]);
        assertEquals("reports", entry[8]);
        assertNull(entry[9]);
        assertEquals(reader.sessionId(), entry[10]);
        assertTrue(LOOPBACK.contains((String) entry[11]), "client IP " + entry[11]);
        assertEquals(now, instant(entry[12]));
    }

    @Test
    void single_report_read_records_object_id() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID reportId = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports/{report}", clientId, reportId)
                .then().statusCode(200);

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        assertEquals("dossier.report.read", entries.get(0)[0]);
        assertEquals("SUCCESS", entries.get(0)[2]);
        assertEquals("FULL_ACCESS_ADMIN", entries.get(0)[5]);
        assertEquals("report", entries.get(0)[8]);
        assertEquals(reportId.toString(), entries.get(0)[9]);
    }

    @Test
    void document_download_records_document_id() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID documentId = dossier.document(clientId, "Zorgplan", "application/pdf", "%PDF-1.4".getBytes(), MORNING);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/documents/{document}/content", clientId, documentId)
                .then().statusCode(200);

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        assertEquals("dossier.document.download", entries.get(0)[0]);
        assertEquals("document", entries.get(0)[8]);
        assertEquals(documentId.toString(), entries.get(0)[9]);
    }

    @Test
    void timeline_only_report_read_writes_denied_entry() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser follower = users.memberOf(clientId, Role.TIMELINE_ONLY);
        dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);

        given().auth().oauth2(follower.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(404);

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        assertEquals("dossier.reports.read", entries.get(0)[0]);
        assertEquals("DENIED", entries.get(0)[2]);
        assertEquals(follower.userId().toString(), entries.get(0)[4]);
        assertEquals(follower.sessionId(), entries.get(0)[10]);
        // The caller is a member, so the DENIED entry names the role that was refused.
        assertEquals("TIMELINE_ONLY", entries.get(0)[5]);
        assertTrue(LOOPBACK.contains((String) entries.get(0)[11]), "client IP " + entries.get(0)[11]);
    }

    @Test
    void non_member_read_writes_denied_entry() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        UUID reportId = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);
        SignedInUser stranger = users.signedInUser();

        given().auth().oauth2(stranger.accessToken())
                .when().get("/app/v1/clients/{client}/reports/{report}", clientId, reportId)
                .then().statusCode(404);

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        assertEquals("dossier.report.read", entries.get(0)[0]);
        assertEquals("DENIED", entries.get(0)[2]);
        assertEquals(stranger.userId().toString(), entries.get(0)[4]);
        assertNull(entries.get(0)[5]);
        assertEquals(reportId.toString(), entries.get(0)[9]);
    }

    @Test
    void timeline_read_writes_entry_with_role() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser follower = users.memberOf(clientId, Role.TIMELINE_ONLY);

        given().auth().oauth2(follower.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200);

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        assertEquals("timeline.read", entries.get(0)[0]);
        assertEquals("SUCCESS", entries.get(0)[2]);
        assertEquals("TIMELINE_ONLY", entries.get(0)[5]);
    }

    @Test
    void entry_update_and_delete_fail() {
        UUID clientId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(new AuditEntry("dossier.reports.read",
                AuditAction.READ, AuditOutcome.SUCCESS, ActorType.APP_USER, UUID.randomUUID().toString(), "FULL_ACCESS",
                clientId, null, "reports", null, null, "127.0.0.1")));

        RuntimeException update = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("update audit_entry set outcome = 'DENIED' where client_id = :client")
                        .setParameter("client", clientId)
                        .executeUpdate()));
        assertTrue(causeMessages(update).contains("append-only"), causeMessages(update));

        RuntimeException delete = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("delete from audit_entry where client_id = :client")
                        .setParameter("client", clientId)
                        .executeUpdate()));
        assertTrue(causeMessages(delete).contains("append-only"), causeMessages(delete));

        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        assertEquals("SUCCESS", entries.get(0)[2]);
    }

    private static String causeMessages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static Instant instant(Object column) {
        if (column instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (column instanceof java.sql.Timestamp time) {
            return time.toInstant();
        }
        return (Instant) column;
    }

}
