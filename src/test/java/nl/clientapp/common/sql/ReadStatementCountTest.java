package nl.clientapp.common.sql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.Role;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.chat.ChatRows;
import nl.clientapp.common.DutchTime;
import nl.clientapp.support.ServedOpenApi;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.sql.RequestStatements;

/**
 * Counts the SQL statements of every read operation (GET) of the served OpenAPI document, the
 * access check and the audit entry included, and fails when one runs more than its row in
 * {@link #ROWS} allows ({@link #MAX_STATEMENTS} unless stated), or more on a client with
 * {@link #MANY} items of each kind than on a client with one (an N+1 query). An operation without
 * a row fails the build.
 * The statements are counted at the JDBC driver ({@code StatementCountingDriver}), so plain JDBC
 * counts as well as Hibernate's queries.
 */
@QuarkusTest
class ReadStatementCountTest {

    private static final Logger LOG = Logger.getLogger(ReadStatementCountTest.class);

    /** Maximum statements of one read request: the access check, the read and the audit entry. */
    static final int MAX_STATEMENTS = 3;

    /** Items of each kind in the large fixture, and the page size asked for there. */
    static final int MANY = 50;

    /** Who calls an operation. */
    enum Caller {
        /** An administrator of the fixture client who accepted the terms in effect. */
        APP_ADMINISTRATOR,
        /** The integrator of the fixture client's organisation. */
        INTEGRATOR,
        NO_TOKEN
    }

    /** Who calls a read operation and how many statements it may run. */
    record Row(Caller caller, int maxStatements) {
    }

    /**
     * The personal-data export runs the session check, 15 statements for the 12 sections that
     * features contribute as {@code PersonalDataSource} beans, and the audit entry. It is a rare
     * download, and each feature adds its section without touching the others. Like every read,
     * it must not run more statements for more data.
     */
    private static final int EXPORT_STATEMENTS = 17;

    /** Every read operation, by "METHOD path" as in the OpenAPI document. */
    private static final Map<String, Row> ROWS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /app/v1/clients", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/access-log", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/agenda", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/care-plan", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/chat/threads", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/chat/threads/{threadId}", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/chat/threads/{threadId}/messages", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/chat/unread", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/documents", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/documents/{documentId}/content", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/measurements", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/members", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/network", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/photos/{photoId}", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/photos/{photoId}/thumbnail", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/profile", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/reports", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/reports/{reportId}", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/timeline", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/clients/{clientId}/timeline/unread", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/me", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/me/export", new Row(Caller.APP_ADMINISTRATOR, EXPORT_STATEMENTS)),
            Map.entry("GET /app/v1/me/notification-preferences", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /app/v1/terms", new Row(Caller.APP_ADMINISTRATOR, MAX_STATEMENTS)),
            Map.entry("GET /fhir/metadata", new Row(Caller.NO_TOKEN, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/audit-retention", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/chat/questions", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/chat/settings", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/clients", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/clients/{clientId}/audit-log", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/clients/{clientId}/audit-log/fhir", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/clients/{clientId}/chat/threads/{threadId}/messages", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/clients/{clientId}/members", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/terms-versions", new Row(Caller.INTEGRATOR, MAX_STATEMENTS)),
            Map.entry("GET /integration/v1/webhook-endpoints", new Row(Caller.INTEGRATOR, MAX_STATEMENTS))));

    /** Query parameters by operation, besides {@code limit}, which every paged operation gets. */
    private static final Map<String, Function<Fixture, Map<String, Object>>> QUERY_PARAMETERS = Map.of(
            "GET /integration/v1/clients", fixture -> Map.of("patientId", fixture.fhirPatientId()),
            "GET /app/v1/clients/{clientId}/agenda", fixture -> Map.of("from", LocalDate.now().minusDays(1).toString(),
                    "to", LocalDate.now().plusDays(MANY + 1).toString()));

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestIntegrators integrators;

    @Inject
    ChatRows chat;

    @Inject
    ReadFixtureRows rows;

    @Inject
    Clock clock;

    /** A client of its own organisation with {@code size} items of each kind, and its callers. */
    record Fixture(int size, UUID clientId, String fhirPatientId, UUID reportId, UUID documentId, UUID photoId,
            UUID threadId, String appToken, String integratorToken) {
    }

    @Test
    void every_read_operation_has_row() {
        Set<String> served = readOperations().keySet();
        List<String> missing = served.stream().filter(operation -> !ROWS.containsKey(operation)).toList();
        List<String> stale = ROWS.keySet().stream().filter(operation -> !served.contains(operation)).toList();

        assertTrue(missing.isEmpty(), "read operations without a row in the statement count table: " + missing);
        assertTrue(stale.isEmpty(), "statement count rows for operations the API does not serve: " + stale);
    }

    @Test
    void read_operations_stay_within_statement_limit() {
        Fixture one = fixture(1);
        Fixture many = fixture(MANY);
        List<String> overLimit = new ArrayList<>();
        List<String> growing = new ArrayList<>();
        StringBuilder counts = new StringBuilder();

        for (var operation : readOperations().entrySet()) {
            Row row = ROWS.get(operation.getKey());
            if (row == null) {
                continue;
            }
            Caller caller = row.caller();
            boolean paged = operation.getValue();
            RequestStatements.Tally small = call(operation.getKey(), one, caller, paged);
            RequestStatements.Tally large = call(operation.getKey(), many, caller, paged);
            int smallCount = small.statements().size();
            int largeCount = large.statements().size();
            counts.append("\n  ").append(operation.getKey()).append(": ").append(smallCount).append(" / ").append(largeCount);
            LOG.infof("%s: %d statements with %d items:%s", operation.getKey(), largeCount, MANY, large.describe());
            if (largeCount > row.maxStatements()) {
                overLimit.add(operation.getKey() + ": " + largeCount + " statements, at most " + row.maxStatements() + " allowed"
                        + large.describe());
            }
            if (largeCount != smallCount) {
                growing.add(operation.getKey() + ": " + smallCount + " statements with 1 item, " + largeCount + " with " + MANY
                        + large.describe());
            }
        }

        assertTrue(overLimit.isEmpty(), overLimit.size() + " read operations run more SQL statements than their row allows:\n" + String.join("\n", overLimit) + "\nStatements per operation (1 item / " + MANY + "):" + counts);
        assertTrue(growing.isEmpty(), growing.size() + " read operations run more statements for more items (N+1):\n"
                + String.join("\n", growing));
    }

    private Fixture fixture(int size) {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        dossier.careRelationship(clientId, LocalDate.of(2023, 6, 1), null);
        TestAppUsers.SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        TestAppUsers.SignedInUser relative = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.bulkMembers(clientId, size);
        rows.termsVersions(integrator.organisationId(), size, DutchTime.today(clock), administrator.userId());
        rows.webhookEndpoints(integrator.organisationId(), size);
        rows.auditEntries(clientId, relative.userId(), relative.sessionId(), size);
        dossier.profileSection(clientId, "LIFE_STORY", "Geboren in Zwolle.");

        Instant now = Instant.now();
        UUID reportId = null;
        UUID documentId = null;
        UUID photoId = null;
        UUID threadId = null;
        for (int i = 0; i < size; i++) {
            Instant at = now.minusSeconds(3600L * (i + 1));
            reportId = dossier.report(clientId, "CARE", "Ochtendzorg " + i, "Goed geslapen.", at);
            dossier.measurement(clientId, "29463-7", "Gewicht", new BigDecimal("71.5"), "kg", at);
            dossier.carePlanItem(clientId, "GOAL", "Mobiliteit", "Zelf lopen " + i, LocalDate.of(2024, 1, 1));
            dossier.appointment(clientId, "Fysiotherapie " + i, now.plusSeconds(86_400L * (i + 1)));
            dossier.networkMember(clientId, "RELATED_PERSON", "Jan Bakker " + i, "zoon");
            documentId = dossier.document(clientId, "Zorgplan " + i, "application/pdf", new byte[] { 37, 80, 68, 70 }, at);
            UUID postId = dossier.newsPost(clientId, relative.userId(), "Zondag komen we op bezoek.", at);
            photoId = dossier.photo(clientId, postId, relative.userId());
            UUID moment = dossier.professionalPhotoMoment(clientId, "Samen gewandeld.", at.minusSeconds(60));
            dossier.photo(clientId, moment, null);
            threadId = chat.question(clientId, administrator.userId(), "Slaapt mijn moeder goed?", at);
            chat.answer(clientId, threadId, at.plusSeconds(60));
        }
        for (int i = 1; i < size; i++) {
            chat.answer(clientId, threadId, now.minusSeconds(i));
        }
        return new Fixture(size, clientId, "test-" + clientId, reportId, documentId, photoId, threadId,
                administrator.accessToken(), integrator.accessToken());
    }

    private RequestStatements.Tally call(String operation, Fixture fixture, Caller caller, boolean paged) {
        String template = operation.substring(operation.indexOf(' ') + 1);
        Matcher parameters = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            parameters.appendReplacement(path, pathParameter(parameters.group(1), fixture));
        }
        parameters.appendTail(path);

        String tallyId = UUID.randomUUID().toString();
        RequestSpecification request = given()
                .header("X-Forwarded-For", LoginFlow.randomIpAddress())
                .header(RequestStatements.HEADER, tallyId);
        switch (caller) {
            case APP_ADMINISTRATOR -> request.auth().oauth2(fixture.appToken());
            case INTEGRATOR -> request.auth().oauth2(fixture.integratorToken());
            case NO_TOKEN -> { }
        }
        if (paged) {
            request.queryParam("limit", fixture.size());
        }
        if (QUERY_PARAMETERS.containsKey(operation)) {
            request.queryParams(QUERY_PARAMETERS.get(operation).apply(fixture));
        }
        var tally = RequestStatements.expect(tallyId);
        try {
            int status = request.get(path.toString()).statusCode();
            if (status != 200) {
                throw new AssertionError(operation + " answered " + status + " on the fixture with " + fixture.size() + " items");
            }
            return tally.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(operation + ": no statement tally published", e);
        } finally {
            RequestStatements.forget(tallyId);
        }
    }

    private static String pathParameter(String name, Fixture fixture) {
        Object value = switch (name) {
            case "clientId" -> fixture.clientId();
            case "reportId" -> fixture.reportId();
            case "documentId" -> fixture.documentId();
            case "photoId" -> fixture.photoId();
            case "threadId" -> fixture.threadId();
            default -> throw new AssertionError("path parameter " + name + " has no value in the statement count fixture");
        };
        return String.valueOf(value);
    }

    /** Returns whether each GET operation of the served document is paged (has a {@code limit} parameter). */
    private static Map<String, Boolean> readOperations() {
        ServedOpenApi api = ServedOpenApi.fetch();
        Map<String, Boolean> reads = new TreeMap<>();
        api.operations().forEach((operation, definition) -> {
            if (operation.startsWith("GET ")) {
                reads.put(operation, api.parameters(definition).stream().anyMatch(parameter -> "limit".equals(parameter.get("name"))));
            }
        });
        return reads;
    }
}
