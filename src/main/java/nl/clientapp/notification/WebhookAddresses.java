package nl.clientapp.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.problem.ProblemException;

/**
 * Keeps webhook calls away from the API's own network (server-side request forgery): a webhook
 * host must be, or resolve only to, public unicast addresses. Loopback, private (RFC 1918),
 * carrier-grade NAT, link-local (169.254.0.0/16 with cloud metadata services, fe80::/10),
 * unique-local (fc00::/7), multicast, documentation, benchmarking and other reserved ranges are
 * rejected, also inside IPv4-mapped and NAT64 IPv6 addresses. The check runs at registration and
 * again before every delivery, because a name may resolve elsewhere later, and it never connects.
 * With {@link WebhookConfig#allowLoopback()} (dev mode and tests) loopback addresses pass, for
 * local stand-in receivers.
 */
@ApplicationScoped
class WebhookAddresses {

    private static final Logger LOG = Logger.getLogger(WebhookAddresses.class);

    @Inject
    HostResolver resolver;

    @Inject
    WebhookConfig config;

    /**
     * Parses and checks a URL an integrator registers.
     *
     * @throws ProblemException 400 for a URL that is not absolute https (or http to loopback where
     *         allowed), 422 {@code webhook-url-not-public} for a host that is or resolves to a
     *         non-public address
     */
    URI requireAllowedUrl(String url) {
        URI uri = requireHttpsUrl(url, config.allowLoopback());
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(hostOf(uri));
        } catch (UnknownHostException e) {
            // A name without addresses yet cannot reach anything; every delivery checks it again.
            return uri;
        }
        if (!allPublic(addresses, config.allowLoopback())) {
            throw new ProblemException(422, "webhook-url-not-public");
        }
        return uri;
    }

    /**
     * Checks before a delivery that the endpoint's host still resolves to public addresses only.
     *
     * @throws DeliveryFailedException permanent when an address is not public, retried when the name does not resolve
     */
    void requirePublicTarget(URI uri, String endpointId) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(hostOf(uri));
        } catch (UnknownHostException e) {
            throw new DeliveryFailedException("Webhook host does not resolve", false, null);
        }
        if (!allPublic(addresses, config.allowLoopback())) {
            LOG.warnf("Webhook endpoint %s resolves to a non-public address; the message is not sent", endpointId);
            throw new DeliveryFailedException("Webhook host resolves to a non-public address", true, null);
        }
    }

    /** Accepts an absolute https URL, or with {@code loopbackAllowed} also an http URL to a loopback address. */
    static URI requireHttpsUrl(String url, boolean loopbackAllowed) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("webhook-url-invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ProblemException.badRequest("webhook-url-invalid");
        }
        boolean allowed = scheme.equals("https") || (scheme.equals("http") && loopbackAllowed && isLoopbackLiteral(uri.getHost()));
        if (!allowed) {
            throw ProblemException.badRequest("webhook-url-not-https");
        }
        return uri;
    }

    /** Returns whether every address is public, or loopback where {@code loopbackAllowed}; false for an empty list. */
    static boolean allPublic(List<InetAddress> addresses, boolean loopbackAllowed) {
        if (addresses.isEmpty()) {
            return false;
        }
        for (InetAddress address : addresses) {
            boolean allowed = isPublic(address) || (loopbackAllowed && address.isLoopbackAddress());
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code address} is a public unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(bytes);
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] ip) {
        int a = ip[0] & 0xFF;
        int b = ip[1] & 0xFF;
        int c = ip[2] & 0xFF;
        return !(a == 0 // "this network"
                || a == 10 || a == 127
                || (a == 100 && b >= 64 && b <= 127) // carrier-grade NAT, RFC 6598
                || (a == 169 && b == 254) // link-local and cloud metadata
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 192 && b == 0 && c == 2) // documentation (TEST-NET-1)
                || (a == 198 && (b == 18 || b == 19)) // benchmarking, RFC 2544
                || (a == 198 && b == 51 && c == 100) // documentation (TEST-NET-2)
                || (a == 203 && b == 0 && c == 113) // documentation (TEST-NET-3)
                || a >= 224); // multicast, reserved and broadcast
    }

    private static boolean isPublicIpv6(byte[] ip) {
        int first = ip[0] & 0xFF;
        if (isZero(ip, 0, 10) && (ip[10] & 0xFF) == 0xFF && (ip[11] & 0xFF) == 0xFF) {
            return isPublicIpv4(new byte[] { ip[12], ip[13], ip[14], ip[15] }); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (isZero(ip, 0, 12)) {
            return false; // ::/96, IPv4-compatible and the unspecified address
        }
        if (first == 0x00 && (ip[1] & 0xFF) == 0x64 && (ip[2] & 0xFF) == 0xFF && (ip[3] & 0xFF) == 0x9B && isZero(ip, 4, 12)) {
            return isPublicIpv4(new byte[] { ip[12], ip[13], ip[14], ip[15] }); // NAT64 64:ff9b::/96
        }
        boolean uniqueLocal = (first & 0xFE) == 0xFC; // fc00::/7
        boolean linkLocal = first == 0xFE && (ip[1] & 0xC0) == 0x80; // fe80::/10
        boolean siteLocal = first == 0xFE && (ip[1] & 0xC0) == 0xC0; // fec0::/10, deprecated
        boolean documentation = first == 0x20 && (ip[1] & 0xFF) == 0x01 && (ip[2] & 0xFF) == 0x0D && (ip[3] & 0xFF) == 0xB8;
        boolean globalUnicast = (first & 0xE0) == 0x20; // 2000::/3
        return globalUnicast && !uniqueLocal && !linkLocal && !siteLocal && !documentation;
    }

    private static boolean isZero(byte[] ip, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the host as a resolver takes it: IPv6 literals without their brackets. */
    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLoopbackLiteral(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is not resolved here.
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
