package nl.clientapp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Verification of an app access token as the application does it on every request: SmallRye JWT
 * (the library behind quarkus-smallrye-jwt) checks the RS256 signature, issuer, audience and expiry.
 * The key pair is generated for the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TokenVerificationBenchmark {

    private static final String ISSUER = "https://clientapp.example.nl";

    private DefaultJWTParser parser;
    private String token;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = Files.createTempFile("jmh-sign", ".pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        token = new Tokens(pem, ISSUER).accessToken(UUID.randomUUID(), UUID.randomUUID(), 3600);
        Files.delete(pem);

        JWTAuthContextInfo context = new JWTAuthContextInfo((java.security.interfaces.RSAPublicKey) pair.getPublic(), ISSUER);
        context.setExpectedAudience(Set.of("clientapp-app", "clientapp-integration"));
        parser = new DefaultJWTParser(context);
    }

    @Benchmark
    public JsonWebToken verifyAccessToken() throws Exception {
        return parser.parse(token);
    }
}
