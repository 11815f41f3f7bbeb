package nl.clientapp.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what an app endpoint guarded by {@code @ClientRoles} accesses. The membership check
 * writes one audit entry per call: SUCCESS when the method returns normally, DENIED when it
 * rejects the caller with 404. Other failures, such as 400 for an invalid cursor, write none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** Event name, such as {@code dossier.reports.read}. */
    String event();

    AuditAction action();

    /** Kind of object accessed, such as {@code report} or {@code reports} for a list. */
    String objectType();

    /** Name of the method parameter that contains the object id, or empty for a list or section. */
    String objectIdParameter() default "";
}
