package nl.clientapp.common.openapi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;


import nl.clientapp.common.problem.DatabaseBusyConfig;
import nl.clientapp.fhir.UnavailableOutcome;
import nl.clientapp.terms.TermsGate;

/**
 * Completes the generated OpenAPI document with what holds for every operation of a face, so no
 * endpoint can forget it:
 * <ul>
 * <li>the security requirement: the app API needs an app user's token, the integration API and
 * FHIR an integrator's; the login steps, the token endpoint and the CapabilityStatement are public;</li>
 * <li>the error responses every protected operation can give (400 for a body, 401, 403 for
 * integrators, 403 terms-not-accepted for app operations that {@link TermsGate} blocks, 404 for a
 * client's data), each with its body schema: problem+json, or a FHIR OperationOutcome under
 * {@code /fhir}. The token endpoint keeps its RFC 6749 error bodies.</li>
 * <li>the 503 of every operation, the token endpoint's included: {@code server-busy} when the
 * server already serves as many requests as it can, {@code database-busy} when no database
 * connection was free.</li>
 * <li>examples: request and response bodies from {@link OperationExamples}, and a problem+json
 * example per documented problem type from {@link ProblemExamples}.</li>
 * </ul>
 */
public class OpenApiContractFilter implements OASFilter {

    private static final Set<String> PUBLIC_PREFIXES = Set.of("/app/v1/auth/activations", "/app/v1/auth/challenges",
            "/app/v1/auth/pin-login", "/app/v1/auth/token", "/oauth/token", "/fhir/metadata");

    private static final String DATABASE_BUSY = "urn:clientapp:problem:server-busy: the server already serves as many "
            + "requests as it can and did not start this one; or urn:clientapp:problem:database-busy: the server had no free "
            + "database connection in time and did not complete the request. Either way, repeat the request after Retry-After";

    private static final String FHIR_DATABASE_BUSY = "The server already served as many requests as it can, or had no free "
            + "database connection in time, and did not complete the request; repeat it after Retry-After";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            String scheme = schemeFor(path.getKey());
            for (Operation operation : path.getValue().getOperations().values()) {
                // An empty list states that the operation is public, so linters see security on every operation.
                operation.setSecurity(scheme == null ? List.of()
                        : List.of(OASFactory.createSecurityRequirement().addScheme(scheme)));
                if (!path.getKey().startsWith("/oauth/")) {
                    addErrorResponses(path.getKey(), operation, scheme);
                }
                addDatabaseBusy(path.getKey(), operation);
                OperationExamples.addTo(operation);
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().forEach(ProblemExamples::addTo);
                }
            }
        }
    }

    private static void addErrorResponses(String path, Operation operation, String scheme) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            addIfMissing(responses, "400", "Invalid request body");
        }
        if ("appUser".equals(scheme)) {
            addIfMissing(responses, "401", "No valid access token, or the login session has ended");
        } else if (scheme != null) {
            addIfMissing(responses, "401", "No valid access token");
        }
        if ("integrator".equals(scheme)) {
            addIfMissing(responses, "403", "The access token lacks the scope this operation needs");
        }
        if ("appUser".equals(scheme) && TermsGate.isGated(path)) {
            addTermsNotAccepted(responses);
        }
        if (path.startsWith("/app/") && path.contains("{clientId}")) {
            addIfMissing(responses, "404", "No such client or object, or the caller is no current member of the client");
        }
        if (path.startsWith("/integration/") && path.contains("{clientId}")) {
            addIfMissing(responses, "404", "No such client or object in the integrator's organisation");
        }

        boolean fhir = path.startsWith("/fhir");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
            // The request throttle returns problem+json on every path, /fhir included.
            boolean fhirError = fhir && !response.getKey().equals("429");
            if (error && response.getValue().getContent() == null) {
                response.getValue().setContent(OASFactory.createContent().addMediaType(
                        fhirError ? "application/fhir+json" : "application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref(fhirError ? "#/components/schemas/OperationOutcome" : "#/components/schemas/Problem"))));
            }
        }
    }

    /**
     * Documents the 503 of a request that found no free database connection. An operation with its
     * own 503 keeps it, and its description names both problem types. On {@code /fhir} the body is
     * an OperationOutcome with an example, because ProblemExamples covers problem+json only.
     */
    private static void addDatabaseBusy(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse unavailable = operation.getResponses().getAPIResponse("503");
        if (unavailable != null) {
            unavailable.setDescription(unavailable.getDescription() + ". Or problem type " + DATABASE_BUSY);
            return;
        }
        if (!path.startsWith("/fhir")) {
            operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse().description("Problem type " + DATABASE_BUSY)
                    .content(OASFactory.createContent().addMediaType("application/problem+json", OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
            return;
        }
        long retryAfterSeconds = Duration.parse(DatabaseBusyConfig.DEFAULT_RETRY_AFTER).toSeconds();
        Object example = UnavailableOutcome.databaseBusyExample(Locale.forLanguageTag("nl"), retryAfterSeconds);
        operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse().description(FHIR_DATABASE_BUSY)
                .content(OASFactory.createContent().addMediaType("application/fhir+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/OperationOutcome"))
                        .example(example))));
    }

    /**
     * Documents the terms gate's 403. An operation with its own 403 keeps it, its description
     * names both problem types, and its body is either the terms problem or a plain Problem.
     */
    private static void addTermsNotAccepted(APIResponses responses) {
        String terms = "Type urn:clientapp:problem:terms-not-accepted: the user has not accepted a terms version "
                + "in effect. Read and accept it through /app/v1/terms.";
        Schema termsProblem = OASFactory.createSchema().ref("#/components/schemas/TermsNotAcceptedProblem");
        Schema schema = termsProblem;
        APIResponse forbidden = responses.getAPIResponse("403");
        if (forbidden == null) {
            forbidden = OASFactory.createAPIResponse().description(terms);
            responses.addAPIResponse("403", forbidden);
        } else {
            forbidden.setDescription(forbidden.getDescription() + ". Or " + terms);
            schema = OASFactory.createSchema().anyOf(List.of(termsProblem,
                    OASFactory.createSchema().ref("#/components/schemas/Problem")));
        }
        forbidden.setContent(OASFactory.createContent().addMediaType("application/problem+json", OASFactory.createMediaType()
                .schema(schema)));
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static String schemeFor(String path) {
        for (String prefix : PUBLIC_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return null;
            }
        }
        if (path.startsWith("/app/")) {
            return "appUser";
        }
        if (path.startsWith("/integration/") || path.startsWith("/fhir")) {
            return "integrator";
        }
        return null;
    }
}
