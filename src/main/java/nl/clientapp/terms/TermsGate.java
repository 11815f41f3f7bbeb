package nl.clientapp.terms;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.access.AppCaller;
import nl.clientapp.common.DutchTime;
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
 * <p>The check costs one SQL statement per gated request and caches nothing, so an acceptance or
 * a version taking effect counts from the next request.
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

    // The session must be active, so a revoked session still gets 401 from the endpoint's own check.
    private static final String UNACCEPTED_QUERY = """
            select v.id
              from login_session s
              join membership m on m.user_id = s.user_id and m.status = 'ACTIVE'
              join client c on c.id = m.client_id
              join terms_version v on v.organisation_id = c.organisation_id
             where s.id = :session and s.user_id = :user and s.revoked_at is null
               and v.effective_date = (select max(l.effective_date) from terms_version l
                                        where l.organisation_id = c.organisation_id and l.effective_date <= :today)
               and not exists (select 1 from terms_acceptance a where a.user_id = s.user_id and a.terms_version_id = v.id)
             order by v.effective_date, v.id
             limit 1
            """;

    private final Map<Method, Boolean> gatedMethods = new ConcurrentHashMap<>();

    @Inject
    AppCaller caller;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

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
    public Response requireAcceptedTerms(ResourceInfo resource, HttpHeaders headers) {
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

        @SuppressWarnings("unchecked")
        List<UUID> unaccepted = entityManager.createNativeQuery(UNACCEPTED_QUERY)
                .setParameter("session", sessionId)
                .setParameter("user", userId)
                .setParameter("today", DutchTime.today(clock))
                .getResultList();
        if (unaccepted.isEmpty()) {
            return null;
        }
        Response problem = ProblemResponses.of(headers, 403, "terms-not-accepted");
        return Response.fromResponse(problem)
                .entity(new TermsNotAcceptedProblem((Problem) problem.getEntity(), unaccepted.get(0)))
                .build();
    }

    /** Returns the matched path template, such as {@code /app/v1/clients/{clientId}/reports}, of a resource method. */
    private static String template(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String path = (classPath == null ? "" : "/" + classPath.value()) + (methodPath == null ? "" : "/" + methodPath.value());
        return path.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1");
    }
}
