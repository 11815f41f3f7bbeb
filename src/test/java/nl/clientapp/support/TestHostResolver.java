package nl.clientapp.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import nl.clientapp.notification.HostResolver;

/**
 * Resolves webhook hosts in tests without DNS: IP literals stand for themselves, {@code localhost}
 * for the loopback address, and a name a test mapped with {@link #map} for the addresses given.
 * Any other name does not resolve.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestHostResolver implements HostResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();

    /** Makes {@code host} (a reserved name such as {@code hook.example.test}) resolve to the IP literals given. */
    public void map(String host, String... literals) {
        names.put(host.toLowerCase(), Arrays.stream(literals).map(TestHostResolver::literal).toList());
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> mapped = names.get(host.toLowerCase());
        if (mapped != null) {
            return mapped;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return List.of(literal(host));
        }
        throw new UnknownHostException(host);
    }

    /** Parses an IP literal; getByName does no lookup for a literal. */
    private static InetAddress literal(String address) {
        if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("Not an IP literal: " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP literal: " + address, e);
        }
    }
}
