package nl.clientapp.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up the addresses of a host name for the webhook address check. The production bean asks the
 * system resolver; tests replace it, so that a reserved name can stand for any address without DNS.
 */
public interface HostResolver {

    /**
     * Returns every address of {@code host}.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
