package nl.clientapp.access;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.audit.Audited;
import nl.clientapp.common.problem.ProblemException;

/**
 * Enforces {@link ClientRoles} before the endpoint runs and, for a method annotated
 * {@link Audited}, writes one audit entry per call: SUCCESS after the method returns, in the same
 * transaction as the method's work, and DENIED, with the caller's role when they are a member,
 * when the membership check rejects the caller with 404.
 */
@ClientRoles({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class ClientRolesInterceptor {

    @Inject
    AppCaller caller;

    @Inject
    MembershipGuard guard;

    @Inject
    CurrentMembership current;

    @Inject
    AuditLog auditLog;

    @Inject
    HttpServerRequest request;

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        ClientRoles declared = method.getAnnotation(ClientRoles.class);
        if (declared == null) {
            declared = method.getDeclaringClass().getAnnotation(ClientRoles.class);
        }
        UUID clientId = clientIdArgument(method, context.getParameters());
        Audited audited = method.getAnnotation(Audited.class);
        try {
            guard.requireMembership(caller.userId(), caller.sessionId(), clientId, roles(declared), declared.orClientThemself(), current);
        } catch (ProblemException refused) {
            if (audited != null) {
                // A new transaction, so the entry stays although the request fails. The role is
                // known when the caller is a member whose role or access does not admit this call.
                Role refusedRole = current.refusedRoleOrNull();
                AuditEntry denied = entry(audited, AuditOutcome.DENIED, refusedRole == null ? null : refusedRole.name(), clientId, context);
                QuarkusTransaction.requiringNew().run(() -> auditLog.record(denied));
            }
            throw refused;
        }
        if (audited == null) {
            return context.proceed();
        }
        // The endpoint and its SUCCESS entry share one transaction: a change and its entry commit
        // together, and a failing call (rolled back) leaves no SUCCESS entry.
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                Object result = context.proceed();
                auditLog.record(entry(audited, AuditOutcome.SUCCESS, current.role().name(), clientId, context));
                return result;
            });
        } catch (ProblemException refused) {
            if (refused.status() == 403 || refused.status() == 404) {
                // A member refused one object, such as another member's post or another client's
                // report id (an IDOR attempt): logged as denied, in a transaction of its own.
                AuditEntry denied = entry(audited, AuditOutcome.DENIED, current.role().name(), clientId, context);
                QuarkusTransaction.requiringNew().run(() -> auditLog.record(denied));
            }
            throw refused;
        }
    }

    private AuditEntry entry(Audited audited, AuditOutcome outcome, String role, UUID clientId, InvocationContext context) {
        String objectId = audited.objectIdParameter().isEmpty()
                ? null
                : String.valueOf(argument(context.getMethod(), context.getParameters(), audited.objectIdParameter()));
        return new AuditEntry(audited.event(), audited.action(), outcome, ActorType.APP_USER,
                caller.userId().toString(), role, clientId, null, audited.objectType(), objectId,
                caller.sessionId(), request.remoteAddress() == null ? null : request.remoteAddress().host());
    }

    private static Object argument(Method method, Object[] arguments, String name) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (name.equals(parameters[i].getName())) {
                return arguments[i];
            }
        }
        throw new IllegalStateException("@Audited method " + method.getName() + " has no parameter named " + name);
    }

    private static EnumSet<Role> roles(ClientRoles declared) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(List.of(declared.value()));
        return roles;
    }

    private static UUID clientIdArgument(Method method, Object[] arguments) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if ("clientId".equals(parameters[i].getName())) {
                Object value = arguments[i];
                if (value instanceof UUID id) {
                    return id;
                }
                try {
                    return UUID.fromString(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.notFound();
                }
            }
        }
        throw new IllegalStateException("@ClientRoles method " + method.getName() + " has no parameter named clientId");
    }
}
