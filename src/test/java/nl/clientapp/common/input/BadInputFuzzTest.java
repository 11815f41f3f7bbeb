package nl.clientapp.common.input;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.Role;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.chat.ChatRows;
import nl.clientapp.support.ServedOpenApi;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;

/**
 * Bad input for every operation of the served OpenAPI document (I1, I3, A5): malformed JSON, wrong
 * types, huge numbers, strings beyond their maxLength and of 1 MB, unknown fields, invalid UTF-8,
 * empty bodies, a wrong Content-Type, bodies beyond the body limit, and bad path, query and header
 * values. Each call must get a 4xx problem+json (an OperationOutcome on /fhir) in the caller's
 * language and leave every table as it was. The callers hold valid tokens with the rights the
 * operation needs, so the requests reach validation.
 */
@QuarkusTest
class BadInputFuzzTest {

    /** quarkus.http.limits.max-body-size. */
    private static final int BODY_LIMIT = 10 * 1024 * 1024;

    private static final int ONE_MEGABYTE = 1024 * 1024;

    /** Tables a rejected request may write, with the reason. */
    private static final Map<String, String> TABLES_A_REJECTION_MAY_WRITE = Map.of();

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestIntegrators integrators;

    @Inject
    ChatRows chat;

    @Inject
    DataSource dataSource;

    /** One bad request: what kind of bad input it is and how to send it. */
    private record BadRequest(String kind, String what, Function<RequestSpecification, RequestSpecification> shape,
            Map<String, String> pathOverrides, String rawContentType) {

        BadRequest(String kind, String what, Function<RequestSpecification, RequestSpecification> shape) {
            this(kind, what, shape, Map.of(), null);
        }

        BadRequest(String kind, String what, Function<RequestSpecification, RequestSpecification> shape, Map<String, String> pathOverrides) {
            this(kind, what, shape, pathOverrides, null);
        }
    }

    /** What came back: enough to check the status, the media type, the language and the text. */
    private record Answer(int status, String contentType, String contentLanguage, String body) {

        static Answer of(Response response) {
            return new Answer(response.statusCode(), String.valueOf(response.contentType()), response.header("Content-Language"),
                    response.asString());
        }

        Map<?, ?> json() {
            try {
                return JSON.readValue(body, Map.class);
            } catch (JsonProcessingException e) {
                return Map.of();
            }
        }
    }

    /** The rows one operation's calls act on, made fresh for each operation. */
    private record Fixture(Map<String, String> pathValues, String appToken, String integratorToken) {
    }

    @Test
    void every_operation_rejects_bad_input_with_a_problem_and_changes_nothing() throws SQLException, IOException {
        ServedOpenApi openApi = ServedOpenApi.fetch();
        // Tokens carry the test clock's time and expire by the system clock, so both start together.
        clock.reset();
        TestIntegrators.Credentials own = integrators.create();
        String termsVersionId = given().auth().oauth2(own.accessToken()).contentType("application/json")
                .body(Map.of("versionLabel", "fuzz " + UUID.randomUUID(), "text", "Gebruikersvoorwaarden",
                        "effectiveDate", LocalDate.now().plusYears(20).toString()))
                .post("/integration/v1/terms-versions")
                .then().statusCode(201)
                .extract().path("id");
        List<String> failures = new ArrayList<>();
        Map<String, Answer[]> languageSamples = new TreeMap<>();
        int calls = 0;

        for (var entry : openApi.operations().entrySet()) {
            String operation = entry.getKey();
            List<BadRequest> badRequests = badRequests(openApi, operation, entry.getValue());
            if (badRequests.isEmpty()) {
                continue;
            }
            Fixture fixture = fixture(own, termsVersionId);
            Map<String, String> before = snapshot();
            for (BadRequest bad : badRequests) {
                String language = calls++ % 2 == 0 ? "nl" : "en";
                Answer response = send(operation, fixture, bad, language);
                String failure = check(operation, response, language);
                if (failure != null) {
                    failures.add(operation + " with " + bad.kind() + " (" + bad.what() + "): " + failure);
                } else if (!languageSamples.containsKey(bad.kind())) {
                    String other = language.equals("nl") ? "en" : "nl";
                    languageSamples.put(bad.kind(), new Answer[] { response, send(operation, fixture, bad, other) });
                }
            }
            Map<String, String> after = snapshot();
            for (String table : before.keySet()) {
                if (!Objects.equals(before.get(table), after.get(table)) && !TABLES_A_REJECTION_MAY_WRITE.containsKey(table)) {
                    failures.add(operation + " changed table " + table + ": " + before.get(table) + " -> " + after.get(table));
                }
            }
        }

        for (var sample : languageSamples.entrySet()) {
            String dutch = text(sample.getValue()[0]);
            String english = text(sample.getValue()[1]);
            if (dutch == null || dutch.equals(english)) {
                failures.add(sample.getKey() + ": the Dutch and English answers read the same: " + dutch);
            }
        }
        assertTrue(calls > 500, "the fuzz test sent only " + calls + " requests");
        assertTrue(failures.isEmpty(), failures.size() + " bad requests were not rejected as they should be:\n"
                + String.join("\n", failures));
    }

    // --- The bad requests of one operation ------------------------------------------------------

    private List<BadRequest> badRequests(ServedOpenApi openApi, String operation, Map<String, Object> definition) {
        List<BadRequest> bad = new ArrayList<>();
        List<String> mediaTypes = ServedOpenApi.requestMediaTypes(definition);
        Map<String, Object> schema = openApi.jsonRequestSchema(definition);
        boolean fhir = operation.contains(" /fhir");
        String bodyType = bodyType(mediaTypes, fhir);

        if (bodyType != null) {
            String valid = schema == null ? "{}" : json(sample(openApi, schema));
            bad.add(new BadRequest("malformed-json", "truncated", request -> request.contentType(bodyType).body(utf8("{\"a\": "))));
            bad.add(new BadRequest("empty-body", "no bytes", request -> request.contentType(bodyType).body(new byte[0])));
            bad.add(new BadRequest("wrong-top-level", "JSON array", request -> request.contentType(bodyType).body(utf8("[]"))));
            bad.add(new BadRequest("wrong-top-level", "JSON null", request -> request.contentType(bodyType).body(utf8("null"))));
            bad.add(new BadRequest("invalid-utf8", "bytes FF FE", request -> request.contentType(bodyType)
                    .body(concat("{\"resourceType\": \"".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3 },
                            "\"}".getBytes(StandardCharsets.UTF_8)))));
            bad.add(new BadRequest("wrong-content-type", "text/plain", request -> request.contentType("text/plain; charset=UTF-8").body(utf8(valid))));
            // The server answers before it reads such a body, which breaks an ordinary client's upload.
            bad.add(new BadRequest("oversized-body", "body limit + 1 KB", request -> request, Map.of(), bodyType));
        }
        if (schema != null && "object".equals(schema.get("type"))) {
            Map<String, Object> base = sample(openApi, schema);
            bad.add(new BadRequest("unknown-field", "unexpectedField", request -> request.contentType("application/json")
                    .body(utf8(json(with(base, "unexpectedField", "x"))))));
            properties(openApi, schema).forEach((name, property) -> addPropertyMutations(bad, base, name, property));
        }
        for (Map<String, Object> parameter : openApi.parameters(definition)) {
            addParameterMutations(bad, parameter);
        }
        if (!bad.isEmpty()) {
            // A header far longer than any the API reads, yet within the server's header limit.
            bad.add(new BadRequest("long-authorization", "16 KB bearer token",
                    request -> request.header("Authorization", "Bearer " + "x".repeat(16 * 1024))));
        }
        return bad;
    }

    private static void addPropertyMutations(List<BadRequest> bad, Map<String, Object> base, String name, Map<String, Object> property) {
        String type = String.valueOf(property.get("type"));
        Object wrongType = type.equals("array") || type.equals("object") ? 12345 : Map.of("nested", true);
        bad.add(new BadRequest("wrong-type", name, request -> request.contentType("application/json").body(utf8(json(with(base, name, wrongType))))));
        if (type.equals("integer") || type.equals("number")) {
            bad.add(new BadRequest("huge-number", name, request -> request.contentType("application/json")
                    .body(utf8(json(base).replace("\"" + name + "\":" + base.get(name), "\"" + name + "\":" + "9".repeat(400))))));
        }
        if (type.equals("string")) {
            if (property.get("maxLength") instanceof Number maxLength) {
                bad.add(new BadRequest("too-long-string", name + " of maxLength + 1",
                        request -> request.contentType("application/json").body(utf8(json(with(base, name, "a".repeat(maxLength.intValue() + 1)))))));
            }
            bad.add(new BadRequest("megabyte-string", name, request -> request.contentType("application/json")
                    .body(utf8(json(with(base, name, "é".repeat(ONE_MEGABYTE / 2)))))));
        }
        if (type.equals("array") && property.get("maxItems") instanceof Number maxItems) {
            List<Object> items = new ArrayList<>();
            List<?> sample = (List<?>) base.get(name);
            for (int i = 0; i <= maxItems.intValue(); i++) {
                items.add(sample.isEmpty() ? "a" : sample.get(0));
            }
            bad.add(new BadRequest("too-many-items", name + " of maxItems + 1",
                    request -> request.contentType("application/json").body(utf8(json(with(base, name, items))))));
        }
    }

    @SuppressWarnings("unchecked")
    private static void addParameterMutations(List<BadRequest> bad, Map<String, Object> parameter) {
        String name = (String) parameter.get("name");
        String in = (String) parameter.get("in");
        Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
        String longValue = "z".repeat(2000);
        switch (in) {
            case "path" -> {
                if (name.equals("type") || name.equals("id")) {
                    bad.add(new BadRequest("bad-path-value", name + " with spaces", request -> request, Map.of(name, "a%20b%20c")));
                } else {
                    bad.add(new BadRequest("invalid-uuid", name, request -> request, Map.of(name, "not-a-uuid")));
                }
                bad.add(new BadRequest("long-path-value", name, request -> request, Map.of(name, longValue)));
            }
            case "query" -> {
                if (name.equals("_format")) {
                    // FHIR's _format only picks XML or JSON for the answer and never fails: any other value gets JSON.
                    return;
                }
                if (name.equals("limit")) {
                    for (String value : List.of("0", "101", "-1", "99999999999999999999", "ten")) {
                        bad.add(new BadRequest("bad-page-size", "limit=" + value, request -> request.queryParam(name, value)));
                    }
                } else if (name.equals("cursor") || name.equals("since")) {
                    bad.add(new BadRequest("invalid-cursor", name, request -> request.queryParam(name, "bm90IGEgY3Vyc29y")));
                } else if (name.equals("from") || name.equals("to")) {
                    bad.add(new BadRequest("invalid-date", name, request -> request.queryParam(name, "2024-13-45")));
                }
                bad.add(new BadRequest("long-query-value", name, request -> request.queryParam(name, longValue)));
            }
            case "header" -> {
                if (!name.equalsIgnoreCase("Accept-Language") && schema.get("maxLength") instanceof Number maxLength) {
                    bad.add(new BadRequest("long-header", name, request -> request.header(name, "k".repeat(maxLength.intValue() + 1))));
                }
            }
            default -> {
            }
        }
    }

    // --- Sending and checking -------------------------------------------------------------------

    private Answer send(String operation, Fixture fixture, BadRequest bad, String language) throws IOException {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        Matcher parameters = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String name = parameters.group(1);
            String value = bad.pathOverrides().getOrDefault(name, fixture.pathValues().get(name));
            if (value == null) {
                throw new AssertionError(operation + " has path parameter " + name + " the fuzz fixture has no value for");
            }
            parameters.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameters.appendTail(path);

        String token = template.startsWith("/app/v1/auth/") || template.equals("/oauth/token") ? null
                : template.startsWith("/app/") ? fixture.appToken() : fixture.integratorToken();
        if (bad.rawContentType() != null) {
            return sendOversized(method, path.toString(), bad.rawContentType(), token, language);
        }
        // Every body is sent as the bytes given, also where REST Assured would encode a form itself.
        RequestSpecification request = given().urlEncodingEnabled(false)
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY)))
                .header("X-Forwarded-For", LoginFlow.randomIpAddress())
                .header("Accept-Language", language);
        if (token != null && !bad.kind().equals("long-authorization")) {
            request.auth().oauth2(token);
        }
        return Answer.of(bad.shape().apply(request).request(method, path.toString()));
    }

    /**
     * Sends a body beyond the body limit over a plain socket: the server may answer and close before
     * it has read the body, so the upload may fail halfway, and the answer is read all the same.
     */
    private static Answer sendOversized(String method, String path, String contentType, String token, String language) throws IOException {
        byte[] body = oversized();
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(RestAssured.port).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Accept-Language: ").append(language).append("\r\n")
                .append("X-Forwarded-For: ").append(LoginFlow.randomIpAddress()).append("\r\n")
                .append("Connection: close\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // The server refused the rest of the body; its answer is in the input stream.
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(0, "none", null, text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, String.valueOf(headers.get("content-type")), headers.get("content-language"), text.substring(end + 4));
    }

    private static String check(String operation, Answer response, String language) {
        int status = response.status();
        if (status < 400 || status >= 500) {
            return "status " + status + ", body " + abbreviate(response.body());
        }
        String contentType = response.contentType();
        if (operation.equals("POST /oauth/token") && contentType.startsWith("application/json")) {
            // RFC 6749 section 5.2 fixes the token endpoint's own errors: JSON with an error code.
            return response.json().get("error") != null ? null : "status " + status + " without an OAuth error: " + abbreviate(response.body());
        }
        if (operation.contains(" /fhir")) {
            if (!contentType.startsWith("application/fhir+json") || !"OperationOutcome".equals(response.json().get("resourceType"))) {
                return "status " + status + " without an OperationOutcome: " + contentType + " " + abbreviate(response.body());
            }
            return null;
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "status " + status + " without problem+json: " + contentType + " " + abbreviate(response.body());
        }
        if (!language.equals(response.contentLanguage())) {
            return "asked for " + language + ", answered in " + response.contentLanguage();
        }
        String body = response.body();
        if (body.contains("Exception") || body.contains("at nl.clientapp") || body.contains("SQL")) {
            return "the problem tells internals: " + abbreviate(body);
        }
        return null;
    }

    private static String text(Answer response) {
        Map<?, ?> json = response.json();
        if ("OperationOutcome".equals(json.get("resourceType"))) {
            List<?> issues = (List<?>) json.get("issue");
            return issues == null || issues.isEmpty() ? null : String.valueOf(((Map<?, ?>) issues.get(0)).get("diagnostics"));
        }
        return json.get("title") + " " + json.get("detail");
    }

    /** Returns the media type to send a body as, or null when the operation takes no body. */
    private static String bodyType(List<String> mediaTypes, boolean fhir) {
        if (mediaTypes.isEmpty()) {
            return null;
        }
        if (fhir) {
            return "application/fhir+json";
        }
        return mediaTypes.get(0);
    }

    /**
     * Row count and newest transaction id per table, so that inserts, updates and deletes all show.
     * {@code throttle_event} is left out on purpose: every request to a public endpoint counts
     * against its per-IP cap, bad input included, so that table must change. And
     * {@code audit_entry} is compared by its SUCCESS entries only.
     */
    private Map<String, String> snapshot() throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND tablename NOT IN ('flyway_schema_history', 'throttle_event')")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                // NEN 7513 logs a rejected object id as a DENIED attempt, so only SUCCESS entries must stay unchanged.
                String where = name.equals("audit_entry") ? " WHERE outcome = 'SUCCESS'" : "";
                try (ResultSet rows = statement.executeQuery(
                        "SELECT count(*), coalesce(max(xmin::text::bigint), 0) FROM \"" + name + "\"" + where)) {
                    rows.next();
                    tables.put(name, rows.getLong(1) + " rows, newest transaction " + rows.getLong(2));
                }
            }
        }
        return tables;
    }

    // --- Fixture and bodies ---------------------------------------------------------------------

    /** A client of the own organisation with an administrator who wrote a post and asked a question. */
    private Fixture fixture(TestIntegrators.Credentials own, String termsVersionId) {
        UUID clientId = users.createClient(own.organisationId(), "Mevrouw Jansen").id;
        dossier.careRelationship(clientId, LocalDate.of(2023, 6, 1), null);
        Instant now = Instant.now();
        TestAppUsers.SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        TestAppUsers.SignedInUser member = users.memberOf(clientId, Role.TIMELINE_ONLY);
        UUID postId = dossier.newsPost(clientId, administrator.userId(), "Morgen komen we langs.", now.minusSeconds(600));
        String integratorToken = own.accessToken();
        Map<String, String> values = new HashMap<>();
        values.put("clientId", clientId.toString());
        values.put("reportId", dossier.report(clientId, "CARE", "Avondzorg", "Rustig.", now.minusSeconds(3600)).toString());
        values.put("documentId", dossier.document(clientId, "Zorgplan", "application/pdf", new byte[] { 37, 80, 68, 70 },
                now.minusSeconds(7200)).toString());
        values.put("membershipId", users.membership(member.userId(), clientId).id.toString());
        values.put("userId", member.userId().toString());
        values.put("blockId", UUID.randomUUID().toString());
        values.put("postId", postId.toString());
        values.put("photoId", dossier.photo(clientId, postId, administrator.userId()).toString());
        values.put("threadId", chat.question(clientId, administrator.userId(), "Heeft zij goed gegeten?", now.minusSeconds(300)).toString());
        values.put("versionId", termsVersionId);
        values.put("activationId", UUID.randomUUID().toString());
        values.put("changeId", UUID.randomUUID().toString());
        values.put("type", "Patient");
        values.put("id", "fuzz-" + UUID.randomUUID());
        values.put("endpointId", UUID.randomUUID().toString());
        return new Fixture(values, administrator.accessToken(), integratorToken);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties(ServedOpenApi openApi, Map<String, Object> schema) {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        Map<String, Object> declared = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        declared.forEach((name, property) -> properties.put(name, openApi.resolve((Map<String, Object>) property)));
        return properties;
    }

    /** A body that fills every property with a plain value of its type; it need not pass validation. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample(ServedOpenApi openApi, Map<String, Object> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        properties(openApi, schema).forEach((name, property) -> body.put(name, sampleValue(openApi, property)));
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Object sampleValue(ServedOpenApi openApi, Map<String, Object> property) {
        if (property.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String format = String.valueOf(property.get("format"));
        return switch (String.valueOf(property.get("type"))) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "array" -> {
                Map<String, Object> items = openApi.resolve((Map<String, Object>) property.get("items"));
                yield items == null ? List.of() : List.of(sampleValue(openApi, items));
            }
            case "object" -> sample(openApi, property);
            default -> switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> LocalDate.now().plusYears(30).toString();
                default -> "a";
            };
        };
    }

    private static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(base);
        body.put(name, value);
        return body;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oversized() {
        byte[] body = new byte[BODY_LIMIT + 1024];
        Arrays.fill(body, (byte) 'a');
        byte[] start = "{\"text\": \"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
