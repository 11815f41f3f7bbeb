package nl.clientapp.common.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of {@link IdempotencyKeys}, under the prefix {@code clientapp.idempotency}. */
@ConfigMapping(prefix = "clientapp.idempotency")
public interface IdempotencyConfig {

    /** How long a key and its stored response are kept; a retry after that runs the request again. */
    @WithDefault("PT24H")
    Duration retention();

    /** How often expired keys are deleted, such as {@code 1h}; {@code off} disables the job. */
    @WithDefault("1h")
    String purgeInterval();
}
