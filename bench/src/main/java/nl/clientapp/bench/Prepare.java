package nl.clientapp.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import nl.clientapp.auth.BenchPinHashes;

/**
 * Prepares one benchmark run on a generated database. It writes request lists with signed access
 * tokens of varied members for each read scenario, gives devices real P-256 keys and PIN hashes
 * for the PIN login, and inserts invitations whose single-use codes start the SMS code requests.
 */
final class Prepare {

    /** PIN of every benchmark device: the README's example PIN, which PinRules accepts. */
    static final String PIN = "52817";
    private static final int REQUESTS_PER_LIST = 4000;
    private static final int DEEP_OFFSET = 100_000;
    private static final int DEEP_CURSORS = 200;

    private final Args args;
    private final Path data;
    private final int clients;
    private final int users;
    private final Random random = new Random(20261205L);
    private Tokens tokens;

    Prepare(Args args) {
        this.args = args;
        this.data = Path.of(args.required("data"));
        double scale = Double.parseDouble(args.get("scale", "1"));
        this.clients = (int) Math.round(10_000 * scale);
        this.users = (int) Math.round(50_000 * scale);
    }

    void run() throws Exception {
        Files.createDirectories(data);
        tokens = new Tokens(Path.of(args.required("private-key")), args.get("issuer", "https://clientapp.example.nl"));
        long lifetime = Long.parseLong(args.get("token-lifetime", "10800"));
        try (Connection db = DriverManager.getConnection(args.required("db-url"), args.get("db-user", "postgres"), "")) {
            writeReadLists(db, lifetime);
            writeDevices(db, Integer.parseInt(args.get("devices", "300")));
            writeInvitations(db, Integer.parseInt(args.get("invitations", "3000")));
        }
    }

    private void writeReadLists(Connection db, long lifetime) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        try (PrintWriter timeline = writer("read-timeline.tsv");
                PrintWriter reports = writer("read-reports.tsv");
                PrintWriter agenda = writer("read-agenda.tsv");
                PrintWriter documents = writer("read-documents.tsv")) {
            for (int i = 0; i < REQUESTS_PER_LIST; i++) {
                int user = fullAccessUser();
                UUID client = Ids.client(user % clients);
                String token = tokens.accessToken(Ids.user(user), Ids.session(user), lifetime);
                timeline.println("GET\t/app/v1/clients/" + client + "/timeline?limit=50\t" + token);
                reports.println("GET\t/app/v1/clients/" + client + "/reports?limit=50\t" + token);
                LocalDate from = today.plusDays(random.nextInt(120) - 60);
                agenda.println("GET\t/app/v1/clients/" + client + "/agenda?from=" + from + "&to=" + from.plusDays(6) + "\t" + token);
                documents.println("GET\t/app/v1/clients/" + client + "/documents\t" + token);
            }
        }
        // The 1 MB documents belong to clients 0..99, whose administrators are users 0..99.
        try (PrintWriter download = writer("read-download.tsv")) {
            int large = Math.min(100, clients);
            for (int d = 0; d < large; d++) {
                String token = tokens.accessToken(Ids.user(d), Ids.session(d), lifetime);
                download.println("GET\t/app/v1/clients/" + Ids.client(d) + "/documents/" + Ids.of("document", d) + "/content\t" + token);
            }
        }
        writeDeepTimeline(db, lifetime);
    }

    /** Returns a random user with full access to client user % clients: an administrator, or a member not timeline-only. */
    private int fullAccessUser() {
        while (true) {
            int user = random.nextInt(users);
            if (user < clients || user % 3 != 0) {
                return user;
            }
        }
    }

    /** Writes requests for client 0's timeline from cursors 100,000 to 100,200 items deep. */
    private void writeDeepTimeline(Connection db, long lifetime) throws Exception {
        List<String> cursors = new ArrayList<>();
        Instant newest = null;
        Instant oldest = null;
        try (PreparedStatement query = db.prepareStatement("""
                select occurred_at, id from timeline_item where client_id = ?
                 order by occurred_at desc, id desc offset ? limit ?""")) {
            query.setObject(1, Ids.client(0));
            query.setInt(2, DEEP_OFFSET - 1);
            query.setInt(3, DEEP_CURSORS);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant at = rows.getTimestamp(1).toInstant();
                    newest = newest == null ? at : newest;
                    oldest = at;
                    String key = at + "|" + rows.getObject(2, UUID.class);
                    cursors.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        if (cursors.isEmpty()) {
            throw new IllegalStateException("Client 0 has fewer than " + DEEP_OFFSET + " timeline items: generate with deep >= "
                    + (DEEP_OFFSET + DEEP_CURSORS));
        }
        // Full-access members of client 0: users 0, clients, 2 * clients, ... that are not timeline-only.
        List<Integer> members = new ArrayList<>();
        for (int user = 0; user < users; user += clients) {
            if (user < clients || user % 3 != 0) {
                members.add(user);
            }
        }
        try (PrintWriter deep = writer("read-timeline-deep.tsv")) {
            for (int i = 0; i < REQUESTS_PER_LIST; i++) {
                int user = members.get(random.nextInt(members.size()));
                String token = tokens.accessToken(Ids.user(user), Ids.session(user), lifetime);
                deep.println("GET\t/app/v1/clients/" + Ids.client(0) + "/timeline?limit=50&cursor=" + cursors.get(random.nextInt(cursors.size()))
                        + "\t" + token);
            }
        }
        // pgbench draws the deep cursor's time from this range, in microseconds since the epoch.
        Files.writeString(data.resolve("deep.env"), "DEEP_FROM_US=" + micros(oldest) + "\nDEEP_TO_US=" + micros(newest) + "\n");
    }

    /** Gives the first {@code count} users' devices a new P-256 key and a hash of {@link #PIN}, and writes the private keys. */
    private void writeDevices(Connection db, int count) throws Exception {
        // One hash for every device: a check costs the same whatever the salt, and hashing once keeps preparation short.
        String pinHash = new BenchPinHashes(args.required("pepper")).hash(PIN);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        try (PrintWriter out = writer("devices.tsv");
                PreparedStatement update = db.prepareStatement("""
                        update device set public_key = ?, pin_hash = ?, failed_pin_attempts = 0, destroyed_at = null
                         where id = ?""")) {
            int n = Math.min(count, users);
            for (int user = 0; user < n; user++) {
                KeyPair pair = generator.generateKeyPair();
                update.setBytes(1, pair.getPublic().getEncoded());
                update.setString(2, pinHash);
                update.setObject(3, Ids.device(user));
                update.addBatch();
                out.println(Ids.device(user) + "\t" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
            update.executeBatch();
        }
    }

    /** Inserts one fresh invitation per user from the last users backwards and writes their activation codes. */
    private void writeInvitations(Connection db, int count) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp expires = Timestamp.from(Instant.now().plusSeconds(72 * 3600));
        try (PrintWriter out = writer("invitations.tsv");
                PreparedStatement insert = db.prepareStatement("""
                        insert into invitation (id, membership_id, user_id, code_hash, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")) {
            int n = Math.min(count, users);
            for (int i = 0; i < n; i++) {
                int user = users - 1 - i;
                String code = "bench-" + run + "-" + user;
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, Ids.of("membership", user));
                insert.setObject(3, Ids.user(user));
                insert.setString(4, sha256Hex(code));
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, expires);
                insert.addBatch();
                out.println(code);
            }
            insert.executeBatch();
        }
    }

    private PrintWriter writer(String name) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(data.resolve(name), StandardCharsets.UTF_8));
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    private static String sha256Hex(String value) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
