package nl.clientapp.integration;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.common.problem.ProblemException;

/** Writes the audit entry of an integration endpoint annotated {@link IntegrationAudited}. */
@IntegrationAudited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class IntegrationAuditInterceptor {

    @Inject
    IntegratorAudit integratorAudit;

    @Inject
    AuditLog auditLog;

    @AroundInvoke
    Object audit(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        IntegrationAudited audited = method.getAnnotation(IntegrationAudited.class);
        Object clientArgument = argument(method, context.getParameters(), "clientId");
        if (!(clientArgument instanceof UUID clientId)) {
            throw new IllegalStateException("@IntegrationAudited method " + method.getName() + " has no UUID parameter clientId");
        }
        String objectId = audited.objectIdParameter().isEmpty()
                ? null
                : String.valueOf(argument(method, context.getParameters(), audited.objectIdParameter()));
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                Object result = context.proceed();
                auditLog.record(entry(audited, AuditOutcome.SUCCESS, clientId, objectId));
                return result;
            });
        } catch (ProblemException refused) {
            if (refused.status() == 404) {
                // A new transaction, so the entry stays although the request fails.
                AuditEntry denied = entry(audited, AuditOutcome.DENIED, clientId, objectId);
                QuarkusTransaction.requiringNew().run(() -> auditLog.record(denied));
            }
            throw refused;
        }
    }

    private AuditEntry entry(IntegrationAudited audited, AuditOutcome outcome, UUID clientId, String objectId) {
        return integratorAudit.entry(audited.event(), audited.action(), outcome, audited.scope(), clientId, audited.objectType(), objectId);
    }

    private static Object argument(Method method, Object[] arguments, String name) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (name.equals(parameters[i].getName())) {
                return arguments[i];
            }
        }
        throw new IllegalStateException("@IntegrationAudited method " + method.getName() + " has no parameter named " + name);
    }
}
