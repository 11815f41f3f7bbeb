package nl.clientapp.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Declares which membership roles may call an app endpoint about one client. The method must
 * have a parameter named {@code clientId}; the caller's membership of that client is checked in
 * the database on every call, and a caller without an admitted, current membership gets 404.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ClientRoles {

    @Nonbinding
    Role[] value();

    /**
     * Also admits a member whose membership basis is {@link MembershipBasis#CLIENT}, the client
     * themself, whatever their role.
     */
    @Nonbinding
    boolean orClientThemself() default false;
}
