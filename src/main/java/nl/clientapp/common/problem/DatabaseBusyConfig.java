package nl.clientapp.common.problem;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the answer when no database connection is free, under the prefix {@code clientapp.database}. */
@ConfigMapping(prefix = "clientapp.database")
public interface DatabaseBusyConfig {

    /**
     * {@code Retry-After} sent with the 503 {@code database-busy} when the connection pool had no
     * free connection within {@code quarkus.datasource.jdbc.acquisition-timeout}.
     */
    @WithDefault("PT5S")
    Duration retryAfter();
}
