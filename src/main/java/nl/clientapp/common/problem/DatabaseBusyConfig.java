package nl.clientapp.common.problem;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the 503 returned when no database connection is free, under the prefix {@code clientapp.database}. */
@ConfigMapping(prefix = "clientapp.database")
public interface DatabaseBusyConfig {

    /** Default of {@link #retryAfter()}, also used by the example in the OpenAPI document. */
    String DEFAULT_RETRY_AFTER = "PT5S";

    /**
     * {@code Retry-After} sent with the 503 {@code database-busy} when the connection pool had no
     * free connection within {@code quarkus.datasource.jdbc.acquisition-timeout}.
     */
    @WithDefault(DEFAULT_RETRY_AFTER)
    Duration retryAfter();
}
