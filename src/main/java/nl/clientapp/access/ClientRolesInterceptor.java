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

import nl.clientapp.common.problem.ProblemException;

/** Enforces {@link ClientRoles} before the endpoint runs. */
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

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        ClientRoles declared = method.getAnnotation(ClientRoles.class);
        if (declared == null) {
            declared = method.getDeclaringClass().getAnnotation(ClientRoles.class);
        }
        UUID clientId = clientIdArgument(method, context.getParameters());
        guard.requireMembership(caller.userId(), caller.sessionId(), clientId, roles(declared), current);
        return context.proceed();
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
