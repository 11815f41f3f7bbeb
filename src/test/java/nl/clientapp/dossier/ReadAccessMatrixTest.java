package nl.clientapp.dossier;

import static io.restassured.RestAssured.given;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.AccessPeriod;
import nl.clientapp.access.Role;
import nl.clientapp.common.DutchTime;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestDossier;

/**
 * Every read endpoint against every kind of caller. Adding an endpoint is one line in
 * {@link #ENDPOINTS}; the expected status follows from the roles it admits.
 */
@QuarkusTest
class ReadAccessMatrixTest {

    /** A read endpoint; {client}, {report} and {document} are replaced with the caller's target ids. */
    record Endpoint(String path, Set<Role> admitted) {
        @Override
        public String toString() {
            return path;
        }
    }

    private static final Set<Role> FULL = Role.FULL;
    private static final Set<Role> ANY = Role.ANY;

    private static final Endpoint[] ENDPOINTS = {
            new Endpoint("/app/v1/clients/{client}/reports", FULL),
            new Endpoint("/app/v1/clients/{client}/reports?category=CARE", FULL),
            new Endpoint("/app/v1/clients/{client}/reports/{report}", FULL),
            new Endpoint("/app/v1/clients/{client}/measurements", FULL),
            new Endpoint("/app/v1/clients/{client}/care-plan", FULL),
            new Endpoint("/app/v1/clients/{client}/agenda", FULL),
            new Endpoint("/app/v1/clients/{client}/profile", FULL),
            new Endpoint("/app/v1/clients/{client}/documents", FULL),
            new Endpoint("/app/v1/clients/{client}/documents/{document}/content", FULL),
            new Endpoint("/app/v1/clients/{client}/network", FULL),
            new Endpoint("/app/v1/clients/{client}/timeline", ANY),
    };

    /** The kinds of caller; each reads its own target client. */
    enum Caller {
        FULL_ACCESS_ADMIN, FULL_ACCESS, TIMELINE_ONLY, MEMBER_OF_OTHER_CLIENT, ENDED_MEMBERSHIP,
        CARE_ENDED_6_WEEKS_AND_1_DAY_AGO, NO_TOKEN
    }

    /** A client with a report and a document, and a token of the caller who reads it. */
    record Target(UUID clientId, UUID reportId, UUID documentId, String accessToken) {
    }

    private static final Map<Caller, Target> TARGETS = new EnumMap<>(Caller.class);

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    Clock clock;

    static Stream<Arguments> endpointsAndCallers() {
        return Arrays.stream(ENDPOINTS).flatMap(endpoint -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(endpoint, caller)));
    }

    @BeforeEach
    void createTargetsOnce() {
        if (!TARGETS.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Target followed = clientWithDossier(now, null);
        Target careEnded = clientWithDossier(now, DutchTime.today(clock).minus(AccessPeriod.AFTER_CARE_ENDS).minusDays(1));

        SignedInUser ended = users.memberOf(followed.clientId(), Role.FULL_ACCESS);
        dossier.endMembership(ended.userId(), followed.clientId());
        UUID otherClient = users.createClient("Meneer Smit").id;
        TARGETS.put(Caller.FULL_ACCESS_ADMIN, reading(followed, users.memberOf(followed.clientId(), Role.FULL_ACCESS_ADMIN)));
        TARGETS.put(Caller.FULL_ACCESS, reading(followed, users.memberOf(followed.clientId(), Role.FULL_ACCESS)));
        TARGETS.put(Caller.TIMELINE_ONLY, reading(followed, users.memberOf(followed.clientId(), Role.TIMELINE_ONLY)));
        TARGETS.put(Caller.MEMBER_OF_OTHER_CLIENT, reading(followed, users.memberOf(otherClient, Role.FULL_ACCESS_ADMIN)));
        TARGETS.put(Caller.ENDED_MEMBERSHIP, reading(followed, ended));
        TARGETS.put(Caller.CARE_ENDED_6_WEEKS_AND_1_DAY_AGO, reading(careEnded, users.memberOf(careEnded.clientId(), Role.FULL_ACCESS_ADMIN)));
        TARGETS.put(Caller.NO_TOKEN, followed);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndCallers")
    void read_endpoint_admits_only_current_members_with_an_admitted_role(Endpoint endpoint, Caller caller) {
        Target target = TARGETS.get(caller);
        String path = endpoint.path()
                .replace("{client}", target.clientId().toString())
                .replace("{report}", target.reportId().toString())
                .replace("{document}", target.documentId().toString());

        RequestSpecification request = given();
        if (target.accessToken() != null) {
            request.auth().oauth2(target.accessToken());
        }
        request.urlEncodingEnabled(false)
                .when().get(path)
                .then().statusCode(expectedStatus(endpoint, caller));
    }

    @ParameterizedTest
    @MethodSource("callers")
    void client_list_needs_only_a_token(Caller caller) {
        Target target = TARGETS.get(caller);

        RequestSpecification request = given();
        if (target.accessToken() != null) {
            request.auth().oauth2(target.accessToken());
        }
        request.when().get("/app/v1/clients")
                .then().statusCode(caller == Caller.NO_TOKEN ? 401 : 200);
    }

    static Stream<Caller> callers() {
        return Arrays.stream(Caller.values());
    }

    private static int expectedStatus(Endpoint endpoint, Caller caller) {
        return switch (caller) {
            case NO_TOKEN -> 401;
            case FULL_ACCESS_ADMIN -> endpoint.admitted().contains(Role.FULL_ACCESS_ADMIN) ? 200 : 404;
            case FULL_ACCESS -> endpoint.admitted().contains(Role.FULL_ACCESS) ? 200 : 404;
            case TIMELINE_ONLY -> endpoint.admitted().contains(Role.TIMELINE_ONLY) ? 200 : 404;
            case MEMBER_OF_OTHER_CLIENT, ENDED_MEMBERSHIP, CARE_ENDED_6_WEEKS_AND_1_DAY_AGO -> 404;
        };
    }

    private Target clientWithDossier(Instant now, LocalDate careEndDate) {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2023, 6, 1), careEndDate);
        UUID reportId = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", now.minusSeconds(3600));
        UUID documentId = dossier.document(clientId, "Zorgplan", "application/pdf", new byte[] { 37, 80, 68, 70 }, now.minusSeconds(7200));
        return new Target(clientId, reportId, documentId, null);
    }

    private static Target reading(Target target, SignedInUser user) {
        return new Target(target.clientId(), target.reportId(), target.documentId(), user.accessToken());
    }
}
