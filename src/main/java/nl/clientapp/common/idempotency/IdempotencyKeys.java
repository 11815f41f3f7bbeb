package nl.clientapp.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import nl.clientapp.common.problem.ProblemException;

/**
 * Makes an unsafe POST safe to retry with an {@code Idempotency-Key} header. The key is recorded
 * in the same transaction as the effect, together with the response. A retry with the same key
 * and request gets the stored response and causes no second effect. A retry with the same key
 * and another request gets 422. A concurrent duplicate waits on the primary key of
 * {@code idempotency_record} until the first transaction ends, then replays its response (or,
 * when the first one rolled back, runs the effect itself). Keys are scoped per caller, expire
 * after {@code clientapp.idempotency.retention} and are then deleted by {@link #purgeExpired()}.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Name of the request header. */
    public static final String HEADER = "Idempotency-Key";
    /** Maximum length of a key; a UUID has 36 characters. */
    public static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Clock clock;

    @Inject
    IdempotencyConfig config;

    /** Result of {@link #run}: the status and body of the first response, also for a retry. */
    public record Outcome<T>(int status, T body, boolean replayed) {

        public Response toResponse() {
            return Response.status(status).entity(body).build();
        }
    }

    /** Returns the scope of an app user's keys, so keys of different users never meet. */
    public static String appUserScope(UUID userId) {
        return "app-user:" + userId;
    }

    /** Returns the scope of an integrator's keys, so keys of different integrators never meet. */
    public static String integratorScope(UUID integratorId) {
        return "integrator:" + integratorId;
    }

    /**
     * Runs {@code effect} once per (scope, key). Without a key it simply runs the effect.
     *
     * @param scope who calls, such as {@code app-user:<id>}, so two callers never share a key
     * @param key the header value, or null when the caller sent none
     * @param operation the operation and its target, such as {@code createPost:<clientId>}; part of the request hash
     * @param request the request body (a JSON-serialisable value or raw bytes)
     * @param status the success status the effect's response has, such as 201
     * @param responseType the type of the response body, to read a stored response back
     * @throws ProblemException 400 {@code invalid-idempotency-key} for a key that is empty, too long or not
     *         printable ASCII; 422 {@code idempotency-key-reused} for a key used with another request
     */
    @Transactional
    public <T> Outcome<T> run(String scope, String key, String operation, Object request, int status, Class<T> responseType,
            Supplier<T> effect) {
        if (key == null) {
            return new Outcome<>(status, effect.get(), false);
        }
        requireValid(key);
        String requestHash = hash(operation, request);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);

        // An expired record is taken over, so an old key can be used again after the retention period.
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_record (scope, idempotency_key, request_hash, created_at, expires_at)
                values (:scope, :key, :hash, :now, :expires)
                on conflict (scope, idempotency_key) do update
                set request_hash = excluded.request_hash, response_status = null, response_body = null,
                    created_at = excluded.created_at, expires_at = excluded.expires_at
                where idempotency_record.expires_at <= :now
                """)
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("now", now)
                .setParameter("expires", now.plus(config.retention()))
                .executeUpdate();
        if (claimed == 0) {
            return replay(scope, key, requestHash, responseType);
        }

        T body = effect.get();
        entityManager.createNativeQuery("""
                update idempotency_record set response_status = :status, response_body = :body
                 where scope = :scope and idempotency_key = :key
                """)
                .setParameter("status", status)
                .setParameter("body", json(body))
                .setParameter("scope", scope)
                .setParameter("key", key)
                .executeUpdate();
        return new Outcome<>(status, body, false);
    }

    /** Deletes expired records; safe when several instances run it at once. */
    @Scheduled(every = "${clientapp.idempotency.purge-interval}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purgeExpired();
    }

    /** Deletes the records whose retention has passed and returns how many. */
    @Transactional
    public int purgeExpired() {
        int deleted = entityManager.createNativeQuery("delete from idempotency_record where expires_at <= :now")
                .setParameter("now", clock.instant())
                .executeUpdate();
        LOG.infof("Deleted %d expired idempotency records", deleted);
        return deleted;
    }

    private <T> Outcome<T> replay(String scope, String key, String requestHash, Class<T> responseType) {
        List<?> rows = entityManager.createNativeQuery("""
                select request_hash, response_status, response_body from idempotency_record
                 where scope = :scope and idempotency_key = :key
                """)
                .setParameter("scope", scope)
                .setParameter("key", key)
                .getResultList();
        // Only a record that expired after the insert and was purged before this read is missing.
        if (rows.isEmpty()) {
            throw new ProblemException(409, "idempotency-key-expired");
        }
        Object[] row = (Object[]) rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        try {
            T body = row[2] == null ? null : objectMapper.readValue((String) row[2], responseType);
            return new Outcome<>(((Number) row[1]).intValue(), body, true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response cannot be read", e);
        }
    }

    private static void requireValid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw ProblemException.badRequest("invalid-idempotency-key", MAX_KEY_LENGTH);
        }
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(request instanceof byte[] bytes ? bytes : json(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Idempotent request or response cannot be written as JSON", e);
        }
    }
}
