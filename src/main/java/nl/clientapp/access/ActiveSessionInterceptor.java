package nl.clientapp.access;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link ActiveSession} before the endpoint runs. */
@ActiveSession
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class ActiveSessionInterceptor {

    @Inject
    AppCaller caller;

    @Inject
    MembershipGuard guard;

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        guard.requireActiveSession(caller.userId(), caller.sessionId());
        return context.proceed();
    }
}
