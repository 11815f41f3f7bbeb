package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;

/**
 * Access ends 6 weeks after care ends, at 00:00 Europe/Amsterdam. Care that ended on 20 September
 * 2026 gives access until 1 November 2026 00:00 CET, which is 31 October 23:00 UTC because
 * daylight saving time ended on 25 October.
 */
@QuarkusTest
class AccessEndTest {

    private static final LocalDate CARE_END = LocalDate.of(2026, 9, 20);
    private static final Instant LAST_MINUTE = Instant.parse("2026-10-31T22:59:00Z");
    private static final Instant ACCESS_END = Instant.parse("2026-10-31T23:00:00Z");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Inject
    AccessEndJob job;

    @BeforeEach
    @AfterEach
    void resetClock() {
        // Tokens are checked against the system clock, so they are signed at the real time.
        clock.reset();
    }

    @Test
    void access_end_is_amsterdam_midnight() {
        assertEquals(ACCESS_END, AccessPeriod.accessEndAfterCare(CARE_END));
    }

    @Test
    void access_ends_at_amsterdam_midnight_across_dst_change() {
        UUID clientId = clientWithCareEnded(CARE_END);
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        clock.set(LAST_MINUTE);
        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200);
        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients")
                .then().statusCode(200)
                .body("clientId", contains(clientId.toString()));

        clock.set(ACCESS_END);
        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(404);
        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients")
                .then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void per_request_check_refuses_before_job_has_run() {
        UUID clientId = clientWithCareEnded(CARE_END);
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        clock.set(ACCESS_END);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(404);
        assertEquals("ACTIVE", dossier.memberships(clientId).get(0)[0]);

        job.endOverdueMemberships();

        Object[] membership = dossier.memberships(clientId).get(0);
        assertEquals("ENDED", membership[0]);
        assertEquals("CARE_ENDED", membership[1]);
    }

    @Test
    void job_ends_every_overdue_membership_and_nothing_else() {
        UUID due = clientWithCareEnded(CARE_END);
        dossier.bulkMembers(due, 130);
        UUID longOverdue = clientWithCareEnded(LocalDate.of(2024, 1, 1));
        users.memberOf(longOverdue, Role.TIMELINE_ONLY);
        UUID notYetDue = clientWithCareEnded(CARE_END.plusDays(1));
        users.memberOf(notYetDue, Role.FULL_ACCESS);
        UUID stillInCare = clientWithCareEnded(LocalDate.of(2024, 1, 1));
        dossier.careRelationship(stillInCare, LocalDate.of(2024, 2, 1), null);
        users.memberOf(stillInCare, Role.FULL_ACCESS);
        UUID withoutCareRelationship = users.createClient("Meneer Smit").id;
        users.memberOf(withoutCareRelationship, Role.FULL_ACCESS);
        clock.set(ACCESS_END);

        job.endOverdueMemberships();
        int secondRun = job.endOverdueMemberships();

        assertStatuses(due, 130, "ENDED");
        assertStatuses(longOverdue, 1, "ENDED");
        assertStatuses(notYetDue, 1, "ACTIVE");
        assertStatuses(stillInCare, 1, "ACTIVE");
        assertStatuses(withoutCareRelationship, 1, "ACTIVE");
        assertEquals(0, secondRun);
        for (Object[] membership : dossier.memberships(due)) {
            assertEquals("CARE_ENDED", membership[1]);
            assertEquals(ACCESS_END, membership[2]);
        }
    }

    @Test
    void parallel_job_runs_end_each_membership_once() throws Exception {
        Instant runAt = ACCESS_END.plusSeconds(7 * 60);
        UUID due = clientWithCareEnded(CARE_END);
        dossier.bulkMembers(due, 450);
        clock.set(runAt);
        // Earlier runs of this test on the same database ended memberships at the same instant.
        long endedBefore = dossier.membershipsEndedAt(runAt);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        int ended = 0;
        try {
            Callable<Integer> run = job::endOverdueMemberships;
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run, run));
            for (Future<Integer> result : runs) {
                ended += result.get();
            }
        } finally {
            pool.shutdown();
        }

        assertStatuses(due, 450, "ENDED");
        assertEquals(dossier.membershipsEndedAt(runAt) - endedBefore, ended);
    }

    private UUID clientWithCareEnded(LocalDate endDate) {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2023, 6, 1), endDate);
        return clientId;
    }

    private void assertStatuses(UUID clientId, int expectedCount, String expectedStatus) {
        List<Object[]> memberships = dossier.memberships(clientId);
        assertEquals(expectedCount, memberships.size());
        for (Object[] membership : memberships) {
            assertEquals(expectedStatus, membership[0], "status of a membership of client " + clientId);
        }
    }
}
