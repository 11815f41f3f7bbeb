package nl.clientapp.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.health.api.HealthGroup;

/**
 * Health checks of the message providers, in the health group {@value #GROUP}
 * ({@code /q/health/group/dependencies} on the management port), not in readiness: while SMS or
 * e-mail is down the API keeps serving logins and dossier reads, and the outbox catches up
 * later, so no instance should leave the load balancer for it.
 *
 * <ul>
 * <li>{@code sms}: DOWN while the circuit breaker of the CM.com gateway is open; the state of the
 * breaker is in the data. Builds with the in-memory sender report UP.</li>
 * <li>{@code smtp}: connects to the configured SMTP server, reads its greeting and sends QUIT, so
 * no message is sent. DOWN when the connection or the greeting fails or times out. The mock
 * mailer of dev mode and tests reports UP.</li>
 * </ul>
 */
@ApplicationScoped
class DependencyHealth {

    static final String GROUP = "dependencies";

    @Inject
    Instance<SmsSender> smsSender;

    @Inject
    Instance<CmSmsGateway> cmGateway;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    MonitoringConfig config;

    @ConfigProperty(name = "quarkus.mailer.mock")
    Optional<Boolean> mailerMock;

    @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost")
    String mailerHost;

    @ConfigProperty(name = "quarkus.mailer.port")
    Optional<Integer> mailerPort;

    @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false")
    boolean mailerTls;

    @Produces
    @HealthGroup(GROUP)
    @ApplicationScoped
    HealthCheck sms() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("sms");
            if (!cmGateway.isResolvable()) {
                return response.up().withData("provider", "memory").build();
            }
            CircuitBreakerState state = circuitBreakers.currentState(CmSmsGateway.CIRCUIT_BREAKER);
            response.withData("provider", "cm").withData("circuitBreaker", state.name());
            return (state == CircuitBreakerState.OPEN || !smsSender.get().isAvailable() ? response.down() : response.up()).build();
        };
    }

    @Produces
    @HealthGroup(GROUP)
    @ApplicationScoped
    HealthCheck smtp() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("smtp");
            if (mailerMock.orElse(false)) {
                return response.up().withData("mode", "mock").build();
            }
            int port = mailerPort.orElse(mailerTls ? 465 : 25);
            try {
                greet(mailerHost, port, mailerTls);
                return response.up().build();
            } catch (IOException e) {
                return response.down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /**
     * Connects and, on a plain connection, reads the {@code 220} greeting and sends QUIT. A TLS
     * port (SMTPS) greets only after the handshake, so there the connection alone is checked.
     */
    private void greet(String host, int port, boolean tls) throws IOException {
        int timeoutMillis = (int) config.smtp().timeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            if (tls) {
                return;
            }
            socket.setSoTimeout(timeoutMillis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            if (greeting == null || !greeting.startsWith("220")) {
                throw new IOException("SMTP server sent no 220 greeting");
            }
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
