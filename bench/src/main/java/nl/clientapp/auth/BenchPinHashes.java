package nl.clientapp.auth;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.OptionalInt;

import nl.clientapp.common.problem.ServerBusy;

/**
 * The application's own PIN hashing (PinHasher with ServerSecrets), built outside CDI for the
 * benchmark: the data preparation stores PIN hashes the running application accepts, and the JMH
 * benchmark measures the same code. Lives in the application's package because both classes are
 * package-private.
 */
public final class BenchPinHashes {

    private final PinHasher hasher = new PinHasher();

    /** Builds the hasher for {@code pepper}, the value the benchmarked application gets as CLIENTAPP_AUTH_PEPPER. */
    public BenchPinHashes(String pepper) {
        AuthConfig config = (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] { AuthConfig.class },
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "pepper" -> pepper;
                    // The application's default: one Argon2 run per two processors.
                    case "pinCheckConcurrency" -> OptionalInt.empty();
                    // Long enough that no benchmark call is turned away.
                    case "pinCheckWait" -> Duration.ofMinutes(10);
                    default -> throw new UnsupportedOperationException("The benchmark sets only the PIN settings, not " + method.getName());
                });
        ServerSecrets secrets = new ServerSecrets();
        secrets.config = config;
        secrets.derive();
        hasher.secrets = secrets;
        hasher.config = config;
        hasher.serverBusy = new ServerBusy();
        hasher.createPermits();
    }

    public String hash(String pin) {
        return hasher.hash(pin);
    }

    public boolean matches(String pin, String stored) {
        return hasher.matches(pin, stored);
    }
}
