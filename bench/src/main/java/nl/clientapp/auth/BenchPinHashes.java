package nl.clientapp.auth;

import java.lang.reflect.Proxy;

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
        ServerSecrets secrets = new ServerSecrets();
        secrets.config = (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] { AuthConfig.class },
                (proxy, method, arguments) -> {
                    if (method.getName().equals("pepper")) {
                        return pepper;
                    }
                    throw new UnsupportedOperationException("The benchmark sets only the pepper, not " + method.getName());
                });
        secrets.derive();
        hasher.secrets = secrets;
    }

    public String hash(String pin) {
        return hasher.hash(pin);
    }

    public boolean matches(String pin, String stored) {
        return hasher.matches(pin, stored);
    }
}
