package nl.clientapp.notification;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.support.TestHostResolver;

/**
 * The webhook address rule with production settings (no loopback): literals and a resolver that maps
 * reserved names, checked before any connection. No test here connects to the addresses it names.
 */
class WebhookAddressesTest {

    private static final List<String> NOT_PUBLIC = List.of("127.0.0.1", "127.9.9.9", "10.0.0.5", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7",
            "203.0.113.9", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fc00::5", "fe80::1", "fec0::1",
            "ff02::1", "2001:db8::1", "::ffff:10.0.0.5", "::ffff:169.254.169.254", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe",
            "::10.0.0.5");

    private static final List<String> PUBLIC = List.of("93.184.215.14", "8.8.4.4", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:93.184.215.14", "64:ff9b::5db8:d70e");

    @Test
    void reserved_ranges_are_not_public() throws UnknownHostException {
        for (String address : NOT_PUBLIC) {
            assertFalse(WebhookAddresses.isPublic(InetAddress.getByName(address)), address);
        }
        for (String address : PUBLIC) {
            assertTrue(WebhookAddresses.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void registration_rejects_private_literals_with_422() {
        WebhookAddresses addresses = strict(Map.of());

        for (String url : List.of("https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data/", "https://[fd00::1]/hook",
                "https://127.0.0.1:8443/hook", "https://localhost/hook", "https://[::ffff:10.0.0.5]/hook", "https://0.0.0.0/")) {
            ProblemException rejected = assertThrows(ProblemException.class, () -> addresses.requireAllowedUrl(url), url);
            assertEquals(422, rejected.status(), url);
        }
    }

    @Test
    void registration_rejects_names_resolving_to_private_addresses() {
        WebhookAddresses addresses = strict(Map.of(
                "hook.example.test", List.of("10.0.0.5"),
                "mixed.example.test", List.of("93.184.215.14", "169.254.169.254"),
                "public.example.test", List.of("93.184.215.14", "2606:4700::1111")));

        assertEquals(422, assertThrows(ProblemException.class, () -> addresses.requireAllowedUrl("https://hook.example.test/a")).status());
        assertEquals(422, assertThrows(ProblemException.class, () -> addresses.requireAllowedUrl("https://mixed.example.test/a")).status());
        assertEquals("https://public.example.test/a", addresses.requireAllowedUrl("https://public.example.test/a").toString());
        // A name without addresses cannot reach anything yet; each delivery checks it again.
        assertDoesNotThrow(() -> addresses.requireAllowedUrl("https://unknown.example.test/a"));
    }

    @Test
    void delivery_to_private_address_fails_without_connecting() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            int port = listener.socket().getLocalPort();
            WebhookSender sender = sender(strict(Map.of("rebound.example.test", List.of("127.0.0.1"))));

            for (String url : List.of("https://127.0.0.1:" + port + "/hook", "https://rebound.example.test:" + port + "/hook")) {
                DeliveryFailedException failure = assertThrows(DeliveryFailedException.class,
                        () -> sender.send(URI.create(url), "endpoint-1", WebhookSignature.newSecret(), "msg_1", "{}"), url);
                assertTrue(failure.permanent(), url);
            }

            // The kernel completes a TCP handshake before accept, so any connection attempt would be waiting here.
            assertNull(listener.accept(), "a webhook call connected to the loopback listener");
        }
    }

    @Test
    void delivery_to_unresolvable_name_is_retried() {
        WebhookSender sender = sender(strict(Map.of()));

        DeliveryFailedException failure = assertThrows(DeliveryFailedException.class,
                () -> sender.send(URI.create("https://gone.example.test/hook"), "endpoint-1", WebhookSignature.newSecret(), "msg_1", "{}"));

        assertFalse(failure.permanent());
    }

    /** Returns the rule with production settings and a resolver that resolves only {@code names} and IP literals. */
    private static WebhookAddresses strict(Map<String, List<String>> names) {
        TestHostResolver resolver = new TestHostResolver();
        names.forEach((host, literals) -> resolver.map(host, literals.toArray(String[]::new)));
        WebhookAddresses addresses = new WebhookAddresses();
        addresses.config = config(false);
        addresses.resolver = resolver;
        return addresses;
    }

    private static WebhookSender sender(WebhookAddresses addresses) {
        WebhookSender sender = new WebhookSender();
        sender.config = config(false);
        sender.clock = Clock.systemUTC();
        sender.addresses = addresses;
        sender.start();
        return sender;
    }

    private static WebhookConfig config(boolean allowLoopback) {
        return new WebhookConfig() {
            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public boolean allowLoopback() {
                return allowLoopback;
            }

            @Override
            public int maxEndpointsPerOrganisation() {
                return 10;
            }
        };
    }
}
