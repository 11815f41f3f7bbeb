package nl.clientapp.auth;

import java.util.concurrent.TimeUnit;

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

/**
 * The application's Argon2id PIN hashing (19 MiB, 2 iterations, 1 lane, peppered): one hash when
 * a PIN is set and one check per PIN login. Its time bounds the PIN logins per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PinHashingBenchmark {

    private BenchPinHashes pins;
    private String stored;

    @Setup
    public void setUp() {
        pins = new BenchPinHashes("jmh-only-pepper-not-for-production-0000000");
        stored = pins.hash("52817");
    }

    @Benchmark
    public String hashPin() {
        return pins.hash("52817");
    }

    @Benchmark
    public boolean checkPin() {
        return pins.matches("52817", stored);
    }
}
