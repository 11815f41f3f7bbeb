package nl.clientapp.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import nl.clientapp.common.Messages;
import nl.clientapp.common.problem.Problem;

/**
 * Adds a problem+json example per problem type to an error response, so integrators see the
 * {@code type}, {@code title}, {@code status} and {@code detail} they get. The types of a response
 * are the ones its description names ({@code urn:clientapp:problem:member-exists}, or a list such
 * as {@code urn:clientapp:problem:invalid-period, invalid-cursor or invalid-limit}); a response
 * that names none gets the generic type of its status, such as {@code not-found} for 404. Titles
 * and details come from the Dutch message bundle, the API's default language, so the examples
 * show the texts the server sends.
 */
final class ProblemExamples {

    private static final Pattern NAMED_TYPES = Pattern.compile(
            Pattern.quote(Problem.TYPE_PREFIX) + "([a-z0-9-]+(?:(?:, | or | and |, or )[a-z0-9-]+)*)");
    private static final Pattern LIST_SEPARATOR = Pattern.compile(", or |, | or | and ");

    /** The problem type of a status whose response description names none. */
    private static final Map<String, String> GENERIC_TYPES = Map.of(
            "400", "invalid-request",
            "401", "unauthorized",
            "403", "forbidden",
            "404", "not-found",
            "405", "method-not-allowed",
            "406", "not-acceptable",
            "413", "payload-too-large",
            "415", "unsupported-media-type",
            "429", "too-many-requests",
            "500", "server-error");

    /**
     * Example values for the placeholders of problem details. The server fills them from the
     * request or from its limits; the example shows typical values.
     */
    private static final Map<String, Object[]> DETAIL_ARGUMENTS = Map.ofEntries(
            Map.entry("unknown-field", new Object[] { "bijnaam" }),
            Map.entry("invalid-json-field", new Object[] { "role" }),
            Map.entry("server-error", new Object[] { "7f3c2a9e" }),
            Map.entry("invalid-scope", new Object[] { "audit:write" }),
            Map.entry("invalid-limit", new Object[] { 100 }),
            Map.entry("invalid-cursor", new Object[] { "cursor" }),
            Map.entry("invalid-code", new Object[] { 64 }),
            Map.entry("invalid-date", new Object[] { "from" }),
            Map.entry("invalid-pin", new Object[] { 5, 12 }),
            Map.entry("invalid-period", new Object[] { "from", "31-12-2026" }),
            Map.entry("webhook-endpoint-limit", new Object[] { 10 }),
            Map.entry("notification-kind-invalid", new Object[] { "WEATHER" }),
            Map.entry("notification-email-mandatory", new Object[] { "ACCESS_ENDING" }),
            Map.entry("post-text-too-long", new Object[] { 2000 }),
            Map.entry("too-many-photos", new Object[] { 4 }),
            Map.entry("unknown-photo", new Object[] { "3f9b6c1e-2d4a-4e8b-9c7d-5a1f0e2b3c4d" }),
            Map.entry("photo-too-large", new Object[] { 8 }),
            Map.entry("photo-dimensions-too-large", new Object[] { 12000, 40 }),
            Map.entry("invalid-idempotency-key", new Object[] { 200 }));

    private static final Locale DUTCH = Locale.forLanguageTag("nl");

    private ProblemExamples() {
    }

    /** Adds an example per problem type of the response, unless its media type already has examples. */
    static void addTo(String status, APIResponse response) {
        MediaType problem = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (problem == null || problem.getExample() != null || (problem.getExamples() != null && !problem.getExamples().isEmpty())) {
            return;
        }
        for (String kind : types(status, response.getDescription())) {
            problem.addExample(kind, example(kind, Integer.parseInt(status)));
        }
    }

    /** Returns the problem types a response documents, in the order its description names them. */
    static List<String> types(String status, String description) {
        Set<String> kinds = new LinkedHashSet<>();
        Matcher matcher = NAMED_TYPES.matcher(description == null ? "" : description);
        while (matcher.find()) {
            List<String> names = List.of(LIST_SEPARATOR.split(matcher.group(1)));
            kinds.add(requireKnown(names.get(0)));
            // Later list items count only when the bundle has their title, because "or the client ..." is prose.
            names.stream().skip(1).filter(ProblemExamples::isKnown).forEach(kinds::add);
        }
        if (kinds.isEmpty() && GENERIC_TYPES.containsKey(status)) {
            kinds.add(GENERIC_TYPES.get(status));
        }
        return new ArrayList<>(kinds);
    }

    private static Example example(String kind, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problem.TYPE_PREFIX + kind);
        body.put("title", Messages.get(DUTCH, "problem." + kind + ".title"));
        body.put("status", status);
        body.put("detail", Messages.get(DUTCH, "problem." + kind + ".detail", DETAIL_ARGUMENTS.getOrDefault(kind, new Object[0])));
        if (kind.equals("invalid-request")) {
            // An ordered map: Map.of iterates in an order that changes between JVM runs, which would
            // change the generated openapi.yaml.
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", "email");
            error.put("message", "moet een geldig e-mailadres zijn");
            body.put("errors", List.of(error));
        }
        if (kind.equals("terms-not-accepted")) {
            body.put("termsVersionId", "1a3c5e7f-9b1d-4f3b-8d5f-7c9e1a3b5d69");
        }
        if (kind.equals("server-error")) {
            body.put("errorId", DETAIL_ARGUMENTS.get(kind)[0]);
        }
        return OASFactory.createExample()
                .summary(Messages.get(Locale.ENGLISH, "problem." + kind + ".title"))
                .value(body);
    }

    private static String requireKnown(String kind) {
        if (!isKnown(kind)) {
            throw new IllegalStateException("The OpenAPI document names problem type " + Problem.TYPE_PREFIX + kind
                    + ", but messages/texts.properties has no problem." + kind + ".title");
        }
        return kind;
    }

    private static boolean isKnown(String kind) {
        try {
            Messages.get(DUTCH, "problem." + kind + ".title");
            return true;
        } catch (MissingResourceException e) {
            return false;
        }
    }
}
