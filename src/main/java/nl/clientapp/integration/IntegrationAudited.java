package nl.clientapp.integration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import nl.clientapp.audit.AuditAction;

/**
 * Declares what an integration endpoint about one client accesses; the method must have a
 * parameter named {@code clientId}. One audit entry per call: SUCCESS in the same transaction as
 * the method's work when it returns, DENIED in a transaction of its own when it answers 404 (such
 * as a client of another organisation). Other failures roll back and write none.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface IntegrationAudited {

    /** Event name, such as {@code members.read}. */
    @Nonbinding
    String event() default "";

    @Nonbinding
    AuditAction action() default AuditAction.READ;

    /** Kind of object accessed. */
    @Nonbinding
    String objectType() default "";

    /** Name of the method parameter that contains the object id, or empty for a list. */
    @Nonbinding
    String objectIdParameter() default "";

    /** The scope that admits the call, recorded as the actor's role. */
    @Nonbinding
    String scope() default "";
}
