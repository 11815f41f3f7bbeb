package nl.clientapp.support.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * The statements that {@link StatementCountingDriver} saw during one CDI request context, so during
 * one HTTP request and whatever it ran, on any thread, until the context ended. Scheduled jobs and
 * test code run in request contexts of their own, so their statements never count towards a
 * request. A request with the header {@link #HEADER} publishes its {@link Tally} under the
 * header's value when its request context ends; {@link #expect} waits for it.
 */
@RequestScoped
public class RequestStatements {

    /** Request header that names the tally of the request. */
    public static final String HEADER = "X-Test-Statement-Tally";

    private static final Map<String, CompletableFuture<Tally>> PUBLISHED = new ConcurrentHashMap<>();

    private String tallyId;
    private final List<String> statements = new ArrayList<>();
    private final List<String> transactionEnds = new ArrayList<>();
    private int validations;

    /**
     * What one request sent to PostgreSQL.
     *
     * @param statements the SQL of each executed statement in order, a JDBC batch entry counting as one
     * @param transactionEnds "commit" or "rollback" for each transaction the request ended
     * @param validations how many connection validations ({@code Connection.isValid}) the request caused
     */
    public record Tally(List<String> statements, List<String> transactionEnds, int validations) {

        /** Lists the statements one per line, for failure messages. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < statements.size(); i++) {
                text.append("\n    ").append(i + 1).append(". ").append(statements.get(i).replaceAll("\\s+", " ").strip());
            }
            text.append("\n    transaction ends: ").append(transactionEnds);
            if (validations > 0) {
                text.append(", connection validations: ").append(validations);
            }
            return text.toString();
        }
    }

    /** Returns a future that completes with the tally of the request sent with header {@link #HEADER} set to {@code tallyId}. */
    public static CompletableFuture<Tally> expect(String tallyId) {
        return PUBLISHED.computeIfAbsent(tallyId, id -> new CompletableFuture<>());
    }

    /** Stops waiting for a tally, so a request that failed leaves nothing behind. */
    public static void forget(String tallyId) {
        PUBLISHED.remove(tallyId);
    }

    void publishAs(String tallyId) {
        this.tallyId = tallyId;
    }

    static void recordStatement(String sql) {
        RequestStatements current = current();
        if (current != null) {
            current.add(sql == null ? "(SQL unknown)" : sql);
        }
    }

    static void recordTransactionEnd(String kind) {
        RequestStatements current = current();
        if (current != null) {
            current.addTransactionEnd(kind);
        }
    }

    static void recordValidation() {
        RequestStatements current = current();
        if (current != null) {
            current.addValidation();
        }
    }

    synchronized void add(String sql) {
        statements.add(sql);
    }

    synchronized void addTransactionEnd(String kind) {
        transactionEnds.add(kind);
    }

    synchronized void addValidation() {
        validations++;
    }

    @PreDestroy
    synchronized void publish() {
        if (tallyId != null) {
            expect(tallyId).complete(new Tally(List.copyOf(statements), List.copyOf(transactionEnds), validations));
        }
    }

    private static RequestStatements current() {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning() || !container.requestContext().isActive()) {
            return null;
        }
        return container.instance(RequestStatements.class).get();
    }
}
