package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.audit.AuditRecords;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.chat.ChatRows;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.support.ServedOpenApi;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestImages;
import nl.clientapp.support.TestIntegrators;

/**
 * The access matrix: every operation of the served OpenAPI document, called as every persona,
 * against a fresh fixture client per call. {@link #MATRIX} states the expected outcome of each
 * (operation, persona); an operation without a row fails the test, so a new endpoint joins the
 * matrix or the build breaks.
 */
@QuarkusTest
class AccessMatrixTest {

    /** Who calls. Every app persona other than the administrator calls about the fixture client. */
    enum Persona {
        ADMINISTRATOR, FULL_ACCESS, TIMELINE_ONLY, MEMBER_OF_OTHER_CLIENT,
        /** An administrator whose membership has status ENDED. */
        ENDED_MEMBER,
        /** The integrator of the fixture client's organisation. */
        OWN_INTEGRATOR,
        INTEGRATOR_OF_OTHER_ORGANISATION, NO_TOKEN
    }

    /** The expected outcome of one call. */
    enum Outcome {
        /** Any 2xx status. */
        ALLOWED,
        UNAUTHENTICATED_401,
        FORBIDDEN_403,
        NOT_FOUND_404,
        /** A public login step: anything below 500 except 401 and 403, since no token is needed. */
        PUBLIC;

        boolean matches(int status) {
            return switch (this) {
                case ALLOWED -> status >= 200 && status < 300;
                case UNAUTHENTICATED_401 -> status == 401;
                case FORBIDDEN_403 -> status == 403;
                case NOT_FOUND_404 -> status == 404;
                case PUBLIC -> status < 500 && status != 401 && status != 403;
            };
        }
    }

    private static final Set<Role> ADMIN = Set.of(Role.FULL_ACCESS_ADMIN);
    private static final Set<Role> FULL = Role.FULL;
    private static final Set<Role> ANY = Role.ANY;

    /** Expected outcome per operation ("METHOD path" as in the OpenAPI document) and persona. */
    private static final Map<String, Map<Persona, Outcome>> MATRIX = new TreeMap<>();

    static {
        row("POST /app/v1/auth/activations", publicOperation());
        row("POST /app/v1/auth/activations/{activationId}/complete", publicOperation());
        row("POST /app/v1/auth/challenges", publicOperation());
        row("POST /app/v1/auth/pin-login", publicOperation());
        row("POST /app/v1/auth/token", publicOperation());
        row("POST /oauth/token", publicOperation());
        row("GET /fhir/metadata", publicOperation());

        row("POST /app/v1/auth/logout", signedInAppUser());
        row("GET /app/v1/clients", signedInAppUser());
        row("GET /app/v1/me", signedInAppUser());
        row("GET /app/v1/me/export", signedInAppUser());
        row("POST /app/v1/me/erasure", confirmedWithDevicePin());
        row("POST /app/v1/me/mobile-changes", signedInAppUser());
        row("POST /app/v1/me/mobile-changes/{changeId}/confirmation", confirmedWithDevicePin());
        row("POST /app/v1/me/email-changes", signedInAppUser());
        row("POST /app/v1/me/email-changes/{changeId}/confirmation", confirmedWithDevicePin());
        row("PUT /app/v1/me/devices/current/push-token", signedInAppUser());
        row("DELETE /app/v1/me/devices/current/push-token", signedInAppUser());
        row("GET /app/v1/me/notification-preferences", signedInAppUser());
        row("PUT /app/v1/me/notification-preferences", signedInAppUser());

        row("GET /app/v1/clients/{clientId}/reports", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/reports/{reportId}", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/measurements", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/care-plan", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/agenda", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/profile", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/network", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/documents", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/documents/{documentId}/content", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/timeline", appClient(ANY));
        row("GET /app/v1/clients/{clientId}/timeline/unread", appClient(ANY));
        row("PUT /app/v1/clients/{clientId}/timeline/read-marker", appClient(ANY));
        row("POST /app/v1/clients/{clientId}/photos", appClient(ANY));
        // The fixture's photo belongs to a news post by an app user, which every member may read.
        row("GET /app/v1/clients/{clientId}/photos/{photoId}", appClient(ANY));
        row("GET /app/v1/clients/{clientId}/photos/{photoId}/thumbnail", appClient(ANY));
        row("POST /app/v1/clients/{clientId}/posts", appClient(ANY));
        // The fixture's post is by another member: only its author edits it, and administrators delete it.
        row("PUT /app/v1/clients/{clientId}/posts/{postId}", postOfOtherMember(Set.of()));
        row("DELETE /app/v1/clients/{clientId}/posts/{postId}", postOfOtherMember(ADMIN));

        row("GET /app/v1/clients/{clientId}/members", appClient(ADMIN));
        row("POST /app/v1/clients/{clientId}/members", appClient(ADMIN));
        row("PATCH /app/v1/clients/{clientId}/members/{membershipId}", appClient(ADMIN));
        row("DELETE /app/v1/clients/{clientId}/members/{membershipId}", appClient(ADMIN));
        row("POST /app/v1/clients/{clientId}/members/{membershipId}/invitation", appClient(ADMIN));
        row("DELETE /app/v1/clients/{clientId}/members/{membershipId}/invitation", appClient(ADMIN));

        row("GET /integration/v1/clients", integratorOfClient());
        row("GET /integration/v1/clients/{clientId}/members", integratorOfClient());
        row("POST /integration/v1/clients/{clientId}/members", integratorOfClient());
        row("PATCH /integration/v1/clients/{clientId}/members/{membershipId}", integratorOfClient());
        row("DELETE /integration/v1/clients/{clientId}/members/{membershipId}", integratorOfClient());
        row("POST /integration/v1/clients/{clientId}/members/{membershipId}/invitation", integratorOfClient());
        row("DELETE /integration/v1/clients/{clientId}/members/{membershipId}/invitation", integratorOfClient());
        row("PUT /integration/v1/clients/{clientId}/members/{membershipId}/contact", integratorOfClient());

        // FHIR writes name no client of ours: each integrator stores resources under its own organisation.
        row("POST /integration/v1/clients/{clientId}/termination-requests", integratorOfClient());
        row("POST /integration/v1/users/{userId}/blocks", integratorOfClient());
        row("DELETE /integration/v1/users/{userId}/blocks/{blockId}", integratorOfClient());

        row("GET /app/v1/terms", signedInAppUser());
        row("POST /app/v1/terms/{versionId}/acceptance", appClient(ANY));
        row("GET /integration/v1/terms-versions", anyIntegrator());
        row("POST /integration/v1/terms-versions", anyIntegrator());

        // N3: administrators; members whose basis is CLIENT too, which AccessLogTest covers.
        row("GET /app/v1/clients/{clientId}/access-log", appClient(ADMIN));
        row("GET /integration/v1/clients/{clientId}/audit-log", integratorOfClient());
        row("GET /integration/v1/clients/{clientId}/audit-log/fhir", integratorOfClient());
        row("GET /integration/v1/audit-retention", anyIntegrator());
        row("PUT /integration/v1/audit-retention", anyIntegrator());
        row("DELETE /integration/v1/audit-retention", anyIntegrator());
        row("GET /integration/v1/webhook-endpoints", anyIntegrator());
        row("POST /integration/v1/webhook-endpoints", anyIntegrator());
        row("DELETE /integration/v1/webhook-endpoints/{endpointId}", integratorOfClient());
        row("GET /app/v1/clients/{clientId}/chat/threads", appClient(FULL));
        row("POST /app/v1/clients/{clientId}/chat/threads", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/chat/threads/{threadId}", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/chat/threads/{threadId}/messages", appClient(FULL));
        row("POST /app/v1/clients/{clientId}/chat/threads/{threadId}/messages", appClient(FULL));
        row("POST /app/v1/clients/{clientId}/chat/threads/{threadId}/read", appClient(FULL));
        row("GET /app/v1/clients/{clientId}/chat/unread", appClient(FULL));
        row("GET /integration/v1/chat/questions", anyIntegrator());
        row("GET /integration/v1/chat/settings", anyIntegrator());
        row("PUT /integration/v1/chat/settings", anyIntegrator());
        row("GET /integration/v1/clients/{clientId}/chat/threads/{threadId}/messages", integratorOfClient());
        row("POST /integration/v1/clients/{clientId}/chat/threads/{threadId}/answers", integratorOfClient());
        row("POST /integration/v1/clients/{clientId}/chat/threads/{threadId}/read", integratorOfClient());

        row("PUT /fhir/{type}/{id}", anyIntegrator());
        row("PUT /fhir/{type}", anyIntegrator());
        row("POST /fhir", anyIntegrator());
    }

    /** Path parameter values by name, from the fixture of one call. */
    private static final Map<String, Function<Fixture, Object>> PATH_PARAMETERS = Map.<String, Function<Fixture, Object>>ofEntries(
            Map.entry("clientId", Fixture::clientId),
            Map.entry("reportId", Fixture::reportId),
            Map.entry("documentId", Fixture::documentId),
            Map.entry("membershipId", Fixture::membershipId),
            Map.entry("userId", Fixture::memberUserId),
            Map.entry("blockId", Fixture::blockId),
            Map.entry("postId", Fixture::postId),
            Map.entry("photoId", Fixture::photoId),
            Map.entry("threadId", Fixture::threadId),
            Map.entry("versionId", Fixture::termsVersionId),
            Map.entry("activationId", fixture -> UUID.randomUUID()),
            Map.entry("changeId", fixture -> UUID.randomUUID()),
            Map.entry("type", fixture -> "Patient"),
            Map.entry("id", Fixture::fhirResourceId),
            Map.entry("endpointId", AccessMatrixTest::webhookEndpointOf));

    /** Request bodies by operation; other operations with a request body get an empty JSON object. */
    private static final Map<String, Function<Fixture, Object>> BODIES = Map.ofEntries(
            Map.entry("POST /integration/v1/clients/{clientId}/termination-requests",
                    fixture -> Map.of("membershipId", fixture.membershipId(), "receivedDate", LocalDate.now().toString())),
            Map.entry("POST /integration/v1/users/{userId}/blocks",
                    fixture -> Map.of("clientId", fixture.clientId(), "reason", "Gegevens gedeeld op sociale media")),
            Map.entry("POST /integration/v1/terms-versions", fixture -> Map.of("versionLabel", "matrix " + UUID.randomUUID(),
                    "text", "Gebruikersvoorwaarden", "effectiveDate",
                    LocalDate.now().plusDays(4000 + ThreadLocalRandom.current().nextInt(100_000)).toString())),
            Map.entry("POST /app/v1/clients/{clientId}/members", fixture -> Map.of("name", "Kees de Vries", "relation", "kleinzoon",
                    "email", newEmail(), "mobile", LoginFlow.randomDutchMobile(), "role", "FULL_ACCESS")),
            Map.entry("PATCH /app/v1/clients/{clientId}/members/{membershipId}", fixture -> Map.of("role", "FULL_ACCESS")),
            Map.entry("POST /integration/v1/clients/{clientId}/members", fixture -> Map.of("name", "Kees de Vries",
                    "relation", "kleinzoon", "email", newEmail(), "mobile", LoginFlow.randomDutchMobile(),
                    "role", "FULL_ACCESS", "basis", "INVITED")),
            Map.entry("PATCH /integration/v1/clients/{clientId}/members/{membershipId}", fixture -> Map.of("role", "FULL_ACCESS")),
            Map.entry("PUT /integration/v1/audit-retention", fixture -> Map.of("maxRetentionYears", 10)),
            Map.entry("POST /app/v1/me/erasure", fixture -> Map.of("pin", "52817")),
            Map.entry("POST /app/v1/me/mobile-changes", fixture -> Map.of("mobile", LoginFlow.randomDutchMobile())),
            Map.entry("POST /app/v1/me/mobile-changes/{changeId}/confirmation",
                    fixture -> Map.of("smsCode", "123456", "pin", "52817")),
            Map.entry("POST /app/v1/me/email-changes", fixture -> Map.of("email", newEmail())),
            Map.entry("POST /app/v1/me/email-changes/{changeId}/confirmation",
                    fixture -> Map.of("smsCode", "123456", "emailCode", "654321", "pin", "52817")),
            Map.entry("PUT /integration/v1/clients/{clientId}/members/{membershipId}/contact",
                    fixture -> Map.of("email", newEmail())),
            Map.entry("PUT /app/v1/me/devices/current/push-token",
                    fixture -> Map.of("platform", "ANDROID", "token", "matrix-push-token-" + UUID.randomUUID())),
            Map.entry("PUT /app/v1/me/notification-preferences",
                    fixture -> Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", false, "push", true)))),
            // A loopback port where nothing listens: events for this organisation fail fast and stay on this machine.
            Map.entry("POST /integration/v1/webhook-endpoints", fixture -> Map.of("url", "http://127.0.0.1:9/matrix")),
            Map.entry("PUT /fhir/{type}/{id}", fixture -> Map.of("resourceType", "Patient", "id", fixture.fhirResourceId())),
            Map.entry("PUT /fhir/{type}", fixture -> Map.of("resourceType", "Patient",
                    "identifier", List.of(Map.of("system", "https://ecd.example.test/matrix", "value", fixture.fhirResourceId())))),
            Map.entry("POST /app/v1/clients/{clientId}/chat/threads", fixture -> Map.of("text", "Hoe gaat het met mijn moeder?")),
            Map.entry("POST /app/v1/clients/{clientId}/chat/threads/{threadId}/messages", fixture -> Map.of("text", "Dank u wel.")),
            Map.entry("PUT /integration/v1/chat/settings", fixture -> Map.of("teamEmail", "team@zorg.example.test")),
            Map.entry("POST /integration/v1/clients/{clientId}/chat/threads/{threadId}/answers",
                    fixture -> Map.of("text", "Het gaat goed.", "authorName", "Jan (EVV)")),
            Map.entry("POST /app/v1/clients/{clientId}/photos", fixture -> TestImages.jpeg()),
            Map.entry("POST /app/v1/clients/{clientId}/posts", fixture -> Map.of("text", "Zondag komen we op bezoek.")),
            Map.entry("PUT /app/v1/clients/{clientId}/posts/{postId}", fixture -> Map.of("text", "Gewijzigd")),
            Map.entry("PUT /app/v1/clients/{clientId}/timeline/read-marker",
                    fixture -> Map.of("cursor", new KeysetCursor(Instant.now(), fixture.postId()).encode())),
            Map.entry("POST /fhir", fixture -> Map.of("resourceType", "Bundle", "type", "batch", "entry", List.of())));

    /** Query parameters by operation. */
    private static final Map<String, Function<Fixture, Map<String, Object>>> QUERY_PARAMETERS = Map.of(
            "GET /integration/v1/clients", fixture -> Map.of("patientId", fixture.fhirPatientId()),
            "PUT /fhir/{type}", fixture -> Map.of("identifier", "https://ecd.example.test/matrix|" + fixture.fhirResourceId()));

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestClock clock;

    @Inject
    ChatRows chat;

    @Inject
    AuditRecords audit;

    /** A client of the own integrator's organisation with a report, a document, a member to manage and a question. */
    record Fixture(UUID clientId, String fhirPatientId, UUID reportId, UUID documentId, UUID membershipId,
            String fhirResourceId, UUID memberUserId, UUID blockId, UUID termsVersionId, String ownToken,
            UUID threadId, UUID postId, UUID photoId) {
    }

    /** Replaces the own organisation's webhook endpoints by a new one and returns its id. */
    private static UUID webhookEndpointOf(Fixture fixture) {
        List<String> existing = given().auth().oauth2(fixture.ownToken()).get("/integration/v1/webhook-endpoints")
                .then().statusCode(200).extract().path("id");
        for (String id : existing) {
            given().auth().oauth2(fixture.ownToken()).delete("/integration/v1/webhook-endpoints/{id}", id).then().statusCode(204);
        }
        return UUID.fromString(given().auth().oauth2(fixture.ownToken()).contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:9/matrix"))
                .post("/integration/v1/webhook-endpoints")
                .then().statusCode(201)
                .extract().path("id"));
    }

    @Test
    void every_operation_has_matrix_row() {
        Set<String> served = servedOperations();
        List<String> missing = served.stream().filter(operation -> !MATRIX.containsKey(operation)).toList();
        List<String> stale = MATRIX.keySet().stream().filter(operation -> !served.contains(operation)).toList();

        assertTrue(missing.isEmpty(), "new endpoints have no row in the access matrix: " + missing);
        assertTrue(stale.isEmpty(), "access matrix rows for operations the API does not serve: " + stale);
    }

    @Test
    void every_operation_answers_as_matrix_expects() {
        // Tokens carry the test clock's time and expire by the system clock, so both start together.
        clock.reset();
        TestIntegrators.Credentials own = integrators.create();
        TestIntegrators.Credentials other = integrators.create();
        String ownToken = own.accessToken();
        String otherToken;
        // Effective far ahead, so it gates nothing, but members may already accept it.
        UUID termsVersionId = UUID.fromString(given().auth().oauth2(ownToken).contentType("application/json")
                .body(Map.of("versionLabel", "matrix", "text", "Gebruikersvoorwaarden", "effectiveDate", LocalDate.now().plusYears(10).toString()))
                .post("/integration/v1/terms-versions")
                .then().statusCode(201)
                .extract().path("id"));
        List<String> mismatches = new ArrayList<>();
        List<String> auditMismatches = new ArrayList<>();

        for (String operation : servedOperations()) {
            Map<Persona, Outcome> expected = MATRIX.get(operation);
            if (expected == null) {
                continue;
            }
            // Tokens live 5 minutes and the matrix can run longer on a loaded machine, so every
            // operation gets fresh integrator tokens and app tokens signed near the real time.
            clock.reset();
            ownToken = own.accessToken();
            otherToken = other.accessToken();
            for (Persona persona : Persona.values()) {
                Fixture fixture = fixture(own.organisationId(), ownToken, termsVersionId);
                String token = switch (persona) {
                    case OWN_INTEGRATOR -> ownToken;
                    case INTEGRATOR_OF_OTHER_ORGANISATION -> otherToken;
                    default -> appToken(persona, fixture);
                };
                boolean aboutClient = operation.contains("/clients/{clientId}") && token != null;
                Set<Object> entriesBefore = aboutClient ? auditEntryIds(fixture.clientId()) : Set.of();
                int status = call(operation, fixture, token);
                if (!expected.get(persona).matches(status)) {
                    mismatches.add(operation + " as " + persona + ": expected " + expected.get(persona) + ", got " + status);
                }
                if (aboutClient) {
                    checkOneAuditEntry(operation + " as " + persona, status, fixture.clientId(), entriesBefore, auditMismatches);
                }
            }
        }

        assertTrue(mismatches.isEmpty(), mismatches.size() + " calls answered against the matrix:\n" + String.join("\n", mismatches));
        // NEN 7513: every authenticated call about a client writes exactly one entry, also when it is rejected.
        assertTrue(auditMismatches.isEmpty(), auditMismatches.size() + " calls about a client did not write exactly one audit "
                + "entry:\n" + String.join("\n", auditMismatches));
    }

    private Set<Object> auditEntryIds(UUID clientId) {
        Set<Object> ids = new HashSet<>();
        for (Object[] entry : audit.entries(clientId)) {
            ids.add(entry[13]);
        }
        return ids;
    }

    /** A 2xx writes one SUCCESS entry, a refusal (403 or 404) one DENIED entry; the caller is known in both cases. */
    private void checkOneAuditEntry(String call, int status, UUID clientId, Set<Object> before, List<String> auditMismatches) {
        String expected = status >= 200 && status < 300 ? "SUCCESS" : status == 403 || status == 404 ? "DENIED" : null;
        if (expected == null) {
            return;
        }
        List<Object> written = audit.entries(clientId).stream()
                .filter(entry -> !before.contains(entry[13]))
                .map(entry -> entry[2])
                .toList();
        if (!written.equals(List.of(expected))) {
            auditMismatches.add(call + " (" + status + "): expected one " + expected + " entry, got " + written);
        }
    }

    private int call(String operation, Fixture fixture, String token) {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        Matcher parameters = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            Function<Fixture, Object> value = PATH_PARAMETERS.get(parameters.group(1));
            if (value == null) {
                throw new AssertionError(operation + " has path parameter " + parameters.group(1)
                        + " with no value in PATH_PARAMETERS");
            }
            parameters.appendReplacement(path, String.valueOf(value.apply(fixture)));
        }
        parameters.appendTail(path);

        RequestSpecification request = given().header("X-Forwarded-For", LoginFlow.randomIpAddress());
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (QUERY_PARAMETERS.containsKey(operation)) {
            request.queryParams(QUERY_PARAMETERS.get(operation).apply(fixture));
        }
        if (!method.equals("GET") && !method.equals("DELETE")) {
            Function<Fixture, Object> body = BODIES.get(operation);
            Object content = body == null ? Map.of() : body.apply(fixture);
            if (content instanceof byte[] image) {
                request.contentType("image/jpeg").body(image);
            } else {
                request.contentType(template.startsWith("/fhir") ? "application/fhir+json" : "application/json").body(content);
            }
        }
        return request.request(method, path.toString()).statusCode();
    }

    private Fixture fixture(UUID organisationId, String ownToken, UUID termsVersionId) {
        UUID clientId = users.createClient(organisationId, "Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2023, 6, 1), null);
        Instant now = Instant.now();
        UUID reportId = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", now.minusSeconds(3600));
        UUID documentId = dossier.document(clientId, "Zorgplan", "application/pdf", new byte[] { 37, 80, 68, 70 }, now.minusSeconds(7200));
        TestAppUsers.SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID threadId = chat.question(clientId, administrator.userId(), "Slaapt mijn moeder goed?", now.minusSeconds(600));
        TestAppUsers.SignedInUser managed = users.memberOf(clientId, Role.TIMELINE_ONLY);
        UUID membershipId = users.membership(managed.userId(), clientId).id;
        TestAppUsers.SignedInUser blocked = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID blockId = UUID.fromString(given().auth().oauth2(ownToken).contentType("application/json")
                .body(Map.of("clientId", clientId, "reason", "Misbruik van gegevens"))
                .post("/integration/v1/users/{userId}/blocks", blocked.userId())
                .then().statusCode(201)
                .extract().path("id"));
        UUID postId = dossier.newsPost(clientId, managed.userId(), "Zondag komen we op bezoek.", now.minusSeconds(600));
        UUID photoId = dossier.photo(clientId, postId, managed.userId());
        return new Fixture(clientId, "test-" + clientId, reportId, documentId, membershipId, "matrix-" + UUID.randomUUID(),
                blocked.userId(), blockId, termsVersionId, ownToken, threadId, postId, photoId);
    }

    private String appToken(Persona persona, Fixture fixture) {
        return switch (persona) {
            case ADMINISTRATOR -> users.memberOf(fixture.clientId(), Role.FULL_ACCESS_ADMIN).accessToken();
            case FULL_ACCESS -> users.memberOf(fixture.clientId(), Role.FULL_ACCESS).accessToken();
            case TIMELINE_ONLY -> users.memberOf(fixture.clientId(), Role.TIMELINE_ONLY).accessToken();
            case MEMBER_OF_OTHER_CLIENT -> users.memberOf(users.createClient("Meneer Smit").id, Role.FULL_ACCESS_ADMIN).accessToken();
            case ENDED_MEMBER -> {
                TestAppUsers.SignedInUser ended = users.memberOf(fixture.clientId(), Role.FULL_ACCESS_ADMIN);
                dossier.endMembership(ended.userId(), fixture.clientId());
                yield ended.accessToken();
            }
            case NO_TOKEN -> null;
            case OWN_INTEGRATOR, INTEGRATOR_OF_OTHER_ORGANISATION -> throw new IllegalArgumentException(persona.name());
        };
    }

    private static Set<String> servedOperations() {
        return ServedOpenApi.fetch().operations().keySet();
    }

    // --- Rules that fill the rows ---------------------------------------------------------------

    private static void row(String operation, Map<Persona, Outcome> outcomes) {
        if (outcomes.size() != Persona.values().length) {
            throw new IllegalStateException(operation + " lacks an outcome for some persona");
        }
        MATRIX.put(operation, outcomes);
    }

    private static Map<Persona, Outcome> publicOperation() {
        Map<Persona, Outcome> outcomes = new EnumMap<>(Persona.class);
        for (Persona persona : Persona.values()) {
            outcomes.put(persona, Outcome.PUBLIC);
        }
        return outcomes;
    }

    /** Returns the outcomes of an app endpoint about no client: any signed-in app user, ended memberships included. */
    private static Map<Persona, Outcome> signedInAppUser() {
        Map<Persona, Outcome> outcomes = new EnumMap<>(Persona.class);
        for (Persona persona : Persona.values()) {
            outcomes.put(persona, Outcome.ALLOWED);
        }
        // An integrator token is no valid token on the app API, so it gets 401 like a missing one.
        outcomes.put(Persona.OWN_INTEGRATOR, Outcome.UNAUTHENTICATED_401);
        outcomes.put(Persona.INTEGRATOR_OF_OTHER_ORGANISATION, Outcome.UNAUTHENTICATED_401);
        outcomes.put(Persona.NO_TOKEN, Outcome.UNAUTHENTICATED_401);
        return outcomes;
    }

    /**
     * Returns the outcomes of an app endpoint that needs the PIN of the session's device: the matrix's
     * app users sign in without a device, so no persona passes; AccountErasureTest covers success.
     */
    private static Map<Persona, Outcome> confirmedWithDevicePin() {
        Map<Persona, Outcome> outcomes = signedInAppUser();
        for (Persona persona : List.of(Persona.ADMINISTRATOR, Persona.FULL_ACCESS, Persona.TIMELINE_ONLY,
                Persona.MEMBER_OF_OTHER_CLIENT, Persona.ENDED_MEMBER)) {
            outcomes.put(persona, Outcome.FORBIDDEN_403);
        }
        return outcomes;
    }

    /** Returns the outcomes of an app endpoint about one client: members with an admitted role pass, others get 404. */
    private static Map<Persona, Outcome> appClient(Set<Role> admitted) {
        Map<Persona, Outcome> outcomes = signedInAppUser();
        outcomes.put(Persona.ADMINISTRATOR, admitted.contains(Role.FULL_ACCESS_ADMIN) ? Outcome.ALLOWED : Outcome.NOT_FOUND_404);
        outcomes.put(Persona.FULL_ACCESS, admitted.contains(Role.FULL_ACCESS) ? Outcome.ALLOWED : Outcome.NOT_FOUND_404);
        outcomes.put(Persona.TIMELINE_ONLY, admitted.contains(Role.TIMELINE_ONLY) ? Outcome.ALLOWED : Outcome.NOT_FOUND_404);
        outcomes.put(Persona.MEMBER_OF_OTHER_CLIENT, Outcome.NOT_FOUND_404);
        outcomes.put(Persona.ENDED_MEMBER, Outcome.NOT_FOUND_404);
        return outcomes;
    }

    /**
     * Returns the outcomes of a change to a news post that another member wrote: members get 403
     * unless their role is in {@code allowed}, and non-members 404 as on every client endpoint.
     */
    private static Map<Persona, Outcome> postOfOtherMember(Set<Role> allowed) {
        Map<Persona, Outcome> outcomes = appClient(ANY);
        outcomes.put(Persona.ADMINISTRATOR, allowed.contains(Role.FULL_ACCESS_ADMIN) ? Outcome.ALLOWED : Outcome.FORBIDDEN_403);
        outcomes.put(Persona.FULL_ACCESS, allowed.contains(Role.FULL_ACCESS) ? Outcome.ALLOWED : Outcome.FORBIDDEN_403);
        outcomes.put(Persona.TIMELINE_ONLY, allowed.contains(Role.TIMELINE_ONLY) ? Outcome.ALLOWED : Outcome.FORBIDDEN_403);
        return outcomes;
    }

    /** Returns the outcomes of an integration endpoint about a client: app tokens get 401, other organisations 404. */
    private static Map<Persona, Outcome> integratorOfClient() {
        Map<Persona, Outcome> outcomes = anyIntegrator();
        outcomes.put(Persona.INTEGRATOR_OF_OTHER_ORGANISATION, Outcome.NOT_FOUND_404);
        return outcomes;
    }

    private static Map<Persona, Outcome> anyIntegrator() {
        Map<Persona, Outcome> outcomes = new EnumMap<>(Persona.class);
        // An app token is no valid token on the integration API, so it gets 401 like a missing one.
        for (Persona persona : Persona.values()) {
            outcomes.put(persona, Outcome.UNAUTHENTICATED_401);
        }
        outcomes.put(Persona.OWN_INTEGRATOR, Outcome.ALLOWED);
        outcomes.put(Persona.INTEGRATOR_OF_OTHER_ORGANISATION, Outcome.ALLOWED);
        outcomes.put(Persona.NO_TOKEN, Outcome.UNAUTHENTICATED_401);
        return outcomes;
    }

    private static String newEmail() {
        return "naaste-" + UUID.randomUUID() + "@example.test";
    }
}
