package nl.clientapp.terms;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.access.AppCaller;
import nl.clientapp.access.CallerAccess;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.problem.ProblemResponses;

/**
 * Blocks the app API for a user who has not accepted a terms version in effect: every endpoint
 * under {@code /app/v1/} returns 403 {@code terms-not-accepted}, except those in
 * {@link #EXEMPT_PREFIXES}. A new endpoint is therefore gated without any annotation.
 *
 * <p>Which terms apply: a user with an active membership of clients of several organisations
 * must have accepted the version in effect of each of those organisations. A version is in
 * effect from 00:00 Europe/Amsterdam on its effective date until the next version takes effect.
 * Organisations without a version in effect block nothing.
 *
 * <p>The check reads {@link CallerAccess}, one SQL statement per request shared with the membership
 * check, and caches nothing across requests, so an acceptance or a version taking effect counts
 * from the next request.
 */
public class TermsGate {

    /** Path of the app's terms endpoints, which stay open so the user can read and accept the terms. */
    static final String TERMS_PATH = "/app/v1/terms";

    /**
     * App paths open without accepted terms: reading and accepting the terms, the login steps,
     * token refresh and logout, the export of the user's own data, the change of their mobile number
     * and e-mail address, and the erasure of their account. Access to, rectification and erasure of
     * one's personal data are rights under the GDPR (articles 15, 16 and 17) that do not depend on
     * accepting new terms.
     */
    static final List<String> EXEMPT_PREFIXES = List.of(TERMS_PATH, "/app/v1/auth", "/app/v1/me/export",
            "/app/v1/me/mobile-changes", "/app/v1/me/email-changes", "/app/v1/me/erasure");

    private static final String GATED_PREFIX = "/app/v1/";

    private final Map<Method, Boolean> gatedMethods = new ConcurrentHashMap<>();

    @Inject
    AppCaller caller;

    @Inject
    CallerAccess callerAccess;

    /** Returns whether an app path, as matched or as written in the OpenAPI document, needs accepted terms. */
    public static boolean isGated(String pathTemplate) {
        if (!pathTemplate.startsWith(GATED_PREFIX)) {
            return false;
        }
        for (String prefix : EXEMPT_PREFIXES) {
            if (pathTemplate.equals(prefix) || pathTemplate.startsWith(prefix + "/")) {
                return false;
            }
        }
        return true;
    }

    @ServerRequestFilter
    public Response requireAcceptedTerms(ResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        Method method = resource.getResourceMethod();
        if (method == null || !gatedMethods.computeIfAbsent(method, m -> isGated(template(resource.getResourceClass(), m)))) {
            return null;
        }
        UUID userId;
        UUID sessionId;
        try {
            userId = caller.userId();
            sessionId = caller.sessionId();
        } catch (UnauthorizedException e) {
            // Not an app user's token, so the endpoint's own security check decides.
            return null;
        }

        // The same statement reads the membership of the client in the path, which the endpoint's
        // own check then reuses. A revoked session passes here and gets 401 from that check.
        CallerAccess.Facts access = callerAccess.of(userId, sessionId, clientIdOf(uri));
        if (access == null || !access.sessionActive() || access.unacceptedTermsVersionId() == null) {
            return null;
        }
        Response problem = ProblemResponses.of(headers, 403, "terms-not-accepted");
        return Response.fromResponse(problem)
                .entity(new TermsNotAcceptedProblem((Problem) problem.getEntity(), access.unacceptedTermsVersionId()))
                .build();
    }

    /** Returns the {@code clientId} path parameter of the matched endpoint, or null when it has none or it is no UUID. */
    private static UUID clientIdOf(UriInfo uri) {
        String clientId = uri.getPathParameters().getFirst("clientId");
        if (clientId == null) {
            return null;
        }
        try {
            return UUID.fromString(clientId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Returns the matched path template, such as {@code /app/v1/clients/{clientId}/reports}, of a resource method. */
    private static String template(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String path = (classPath == null ? "" : "/" + classPath.value()) + (methodPath == null ? "" : "/" + methodPath.value());
        return path.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1");
    }
}
