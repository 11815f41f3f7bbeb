package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.clientapp.audit.AuditRecords;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.support.TestOutbox;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;

/**
 * The end-of-access job for every reason: it ends each membership once, e-mails a warning 7 days
 * before a known end and a notice when access has ended, each once, and revokes the logins of
 * users left without an active membership. Care that ended on 20 September 2026 ends access on 1
 * November 2026 00:00 CET (31 October 23:00 UTC); the warning is due from 25 October 00:00 CEST
 * (24 October 22:00 UTC).
 */
@QuarkusTest
class AccessEndJobTest {

    private static final LocalDate CARE_END = LocalDate.of(2026, 9, 20);
    private static final Instant ACCESS_END = Instant.parse("2026-10-31T23:00:00Z");
    private static final Instant WARNING_DUE = Instant.parse("2026-10-24T22:00:00Z");

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Inject
    EndOfAccessRecords records;

    @Inject
    AccessEndJob job;

    @Inject
    AccessEndNotices notices;

    @Inject
    LoginFlow loginFlow;

    @Inject
    TestOutbox outbox;

    @Inject
    AuditRecords audit;

    @BeforeEach
    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void job_ends_each_reason_once() {
        TestIntegrators.Credentials organisation = integrators.create();
        String token = organisation.accessToken();
        UUID careEnded = users.createClient(organisation.organisationId(), "Mevrouw Bakker").id;
        dossier.careRelationship(careEnded, LocalDate.of(2024, 1, 1), CARE_END);
        UUID terminated = users.createClient(organisation.organisationId(), "Meneer Smit").id;
        UUID blocked = users.createClient(organisation.organisationId(), "Mevrouw de Boer").id;
        UUID careMember = membership(users.memberOf(careEnded, Role.FULL_ACCESS), careEnded);
        UUID terminatedMember = membership(users.memberOf(terminated, Role.FULL_ACCESS), terminated);
        SignedInUser blockedUser = users.memberOf(blocked, Role.FULL_ACCESS);
        UUID blockedMember = membership(blockedUser, blocked);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("membershipId", terminatedMember.toString(), "receivedDate", "2026-09-01", "effectiveDate", "2026-10-15"))
                .post("/integration/v1/clients/{client}/termination-requests", terminated)
                .then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("clientId", blocked.toString(), "reason", "Misbruik"))
                .post("/integration/v1/users/{user}/blocks", blockedUser.userId())
                .then().statusCode(201);
        clock.set(ACCESS_END);

        job.endOverdueMemberships();
        job.endOverdueMemberships();

        assertMembership(careMember, "CARE_ENDED");
        assertMembership(terminatedMember, "TERMINATION_REQUESTED");
        assertMembership(blockedMember, "BLOCKED");
        for (UUID client : List.of(careEnded, terminated, blocked)) {
            assertEquals(1, records.notices(client, "ENDED"), "ENDED notices of client " + client);
        }
        List<Mail> blockedMails = outbox.mailsTo(records.email(blockedUser.userId()));
        assertEquals(1, blockedMails.size());
        assertEquals("Uw toegang tot de CliëntApp is beëindigd", blockedMails.get(0).getSubject());
    }

    @Test
    void parallel_job_runs_end_and_mail_each_once() throws Exception {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID clientId = users.createClient("Mevrouw Bakker").id;
            dossier.careRelationship(clientId, LocalDate.of(2024, 1, 1), CARE_END);
            dossier.bulkMembers(clientId, 60);
            clients.add(clientId);
        }
        clock.set(ACCESS_END.plusSeconds(11 * 60));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> run = job::endOverdueMemberships;
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run, run, run));
            for (Future<Integer> result : runs) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        for (UUID clientId : clients) {
            for (Object[] membership : dossier.memberships(clientId)) {
                assertEquals("ENDED", membership[0]);
                assertEquals("CARE_ENDED", membership[1]);
            }
            assertEquals(60, records.notices(clientId, "ENDED"));
            for (String email : records.memberEmails(clientId)) {
                assertEquals(1, outbox.sentCount(email), "e-mails to a member of client " + clientId);
            }
            List<Object[]> auditCounts = audit.accessEndedEntriesPerMembership(clientId);
            assertEquals(60, auditCounts.size());
            for (Object[] membershipCount : auditCounts) {
                assertEquals(1L, ((Number) membershipCount[1]).longValue(), "audit entries for membership " + membershipCount[0]);
            }
        }
    }

    @Test
    void warning_sent_seven_days_before_once() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2024, 1, 1), CARE_END);
        SignedInUser dutch = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser english = users.memberOf(clientId, Role.TIMELINE_ONLY);
        records.setLanguage(english.userId(), "en");
        String dutchEmail = records.email(dutch.userId());
        String englishEmail = records.email(english.userId());

        clock.set(WARNING_DUE.minusSeconds(60));
        notices.sendDueWarnings();
        assertEquals(0, outbox.sentCount(dutchEmail));

        clock.set(WARNING_DUE);
        notices.sendDueWarnings();
        notices.sendDueWarnings();
        clock.set(WARNING_DUE.plusSeconds(3 * 24 * 3600));
        notices.sendDueWarnings();
        job.endOverdueMemberships();

        assertEquals(1, outbox.sentCount(dutchEmail));
        assertEquals(1, outbox.sentCount(englishEmail));
        assertEquals(2, records.notices(clientId, "WARNING"));
        Mail dutchMail = outbox.mailsTo(dutchEmail).get(0);
        assertEquals("Uw toegang tot de CliëntApp eindigt binnenkort", dutchMail.getSubject());
        assertTrue(dutchMail.getText().contains("tot en met 31-10-2026"), dutchMail.getText());
        Mail englishMail = outbox.mailsTo(englishEmail).get(0);
        assertEquals("Your access to the CliëntApp ends soon", englishMail.getSubject());
        assertTrue(englishMail.getText().contains("up to and including 31-10-2026"), englishMail.getText());
    }

    @Test
    void parallel_warning_runs_mail_each_once() throws Exception {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2024, 1, 1), CARE_END);
        dossier.bulkMembers(clientId, 120);
        clock.set(WARNING_DUE.plusSeconds(60));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> run = notices::sendDueWarnings;
            for (Future<Integer> result : pool.invokeAll(List.of(run, run, run, run))) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(120, records.notices(clientId, "WARNING"));
        for (String email : records.memberEmails(clientId)) {
            assertEquals(1, outbox.sentCount(email), "warnings to a member of client " + clientId);
        }
    }

    @Test
    void warning_for_termination_request() {
        TestIntegrators.Credentials organisation = integrators.create();
        UUID clientId = users.createClient(organisation.organisationId(), "Meneer Smit").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        given().auth().oauth2(organisation.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("receivedDate", "2026-09-20"))
                .post("/integration/v1/clients/{client}/termination-requests", clientId)
                .then().statusCode(201);
        String email = records.email(member.userId());

        clock.set(WARNING_DUE.minusSeconds(60));
        notices.sendDueWarnings();
        int beforeDue = outbox.sentCount(email);
        clock.set(WARNING_DUE);
        notices.sendDueWarnings();
        notices.sendDueWarnings();

        assertEquals(0, beforeDue);
        assertEquals(1, outbox.sentCount(email));
        assertTrue(outbox.mailsTo(email).get(0).getText().contains("31-10-2026"));
    }

    @Test
    void ended_mail_sent_once() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2024, 1, 1), CARE_END);
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        records.setLanguage(member.userId(), "en");
        String email = records.email(member.userId());

        clock.set(ACCESS_END.minusSeconds(60));
        job.endOverdueMemberships();
        int beforeEnd = outbox.sentCount(email);
        clock.set(ACCESS_END);
        job.endOverdueMemberships();
        clock.set(ACCESS_END.plusSeconds(24 * 3600));
        job.endOverdueMemberships();

        assertEquals(0, beforeEnd);
        assertEquals(1, outbox.sentCount(email));
        Mail mail = outbox.mailsTo(email).get(0);
        assertEquals("Your access to the CliëntApp has ended", mail.getSubject());
        assertTrue(mail.getText().contains("The care relationship ended 6 weeks ago."), mail.getText());
    }

    @Test
    void access_end_revokes_refresh_token_without_remaining_membership() {
        LoginFlow.ActivatedDevice leaving = loginFlow.activatedDevice();
        LoginFlow.ActivatedDevice staying = loginFlow.activatedDevice();
        UUID otherClient = users.createClient("Meneer Smit").id;
        users.addMembership(staying.invitee().userId(), otherClient, Role.FULL_ACCESS);
        dossier.careRelationship(leaving.invitee().clientId(), LocalDate.of(2024, 1, 1), CARE_END);
        dossier.careRelationship(staying.invitee().clientId(), LocalDate.of(2024, 1, 1), CARE_END);
        clock.set(ACCESS_END);

        job.endOverdueMemberships();

        loginFlow.refresh(leaving.invitee(), leaving.refreshToken()).then().statusCode(401);
        assertEquals(0, records.openSessions(leaving.invitee().userId()));
        loginFlow.pinLogin(leaving, leaving.pin()).then().statusCode(401);
        loginFlow.refresh(staying.invitee(), staying.refreshToken()).then().statusCode(200);
        assertEquals(1, records.openSessions(staying.invitee().userId()));
    }

    private UUID membership(SignedInUser user, UUID clientId) {
        return records.membershipId(user.userId(), clientId);
    }

    private void assertMembership(UUID membershipId, String expectedReason) {
        Object[] membership = records.membership(membershipId);
        assertEquals("ENDED", membership[0], "status of membership " + membershipId);
        assertEquals(expectedReason, membership[1], "end reason of membership " + membershipId);
        assertEquals(AccessEndJob.ENDED_BY, membership[2]);
    }
}
