package nl.clientapp.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/**
 * HTTP/1.1 exchanges over a plain socket to the test server on the loopback address, for the cases
 * an HTTP client library smooths over: chunked bodies that never end, {@code Expect: 100-continue},
 * oversized request heads and bytes that are not valid UTF-8. The body is written on a thread of
 * its own while the response is read, so a server that responds and closes the connection before
 * the body is complete still yields its response.
 */
public final class RawHttp {

    /** Reads time out after this long, so a server that waits for more body fails the test instead of hanging it. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    /** A final (non-1xx) response and the statuses of the interim (1xx) responses before it. */
    public record Response(int status, Map<String, String> headers, String body, List<Integer> interimStatuses) {

        /** Returns a header value by its case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** Writes a request body to the server; runs on its own thread. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private RawHttp() {
    }

    /** Sends the request head, then the body from {@code body} (may be null), and returns the final response. */
    public static Response exchange(byte[] head, BodyWriter body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            CompletableFuture<Void> writing = body == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> writeQuietly(body, out));
            try {
                return read(socket.getInputStream());
            } finally {
                socket.shutdownOutput();
                writing.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            }
        }
    }

    /** Returns the head of a request with the given request line and header lines, each without CRLF. */
    public static byte[] head(String requestLine, List<String> headerLines) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(requestLine.getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes(crlf());
        head.writeBytes(("Host: localhost:" + RestAssured.port).getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes(crlf());
        for (String line : headerLines) {
            head.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(crlf());
        }
        head.writeBytes(crlf());
        return head.toByteArray();
    }

    /** Returns a writer that sends {@code total} bytes of 'x' as chunks of 64 KiB, and the last chunk only when {@code finish}. */
    public static BodyWriter chunks(long total, boolean finish) {
        return out -> {
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            while (sent < total) {
                int size = (int) Math.min(chunk.length, total - sent);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, size);
                out.write(crlf());
                sent += size;
            }
            if (finish) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        };
    }

    /** Returns a writer that sends {@code body} as chunks of at most 64 KiB, and the last chunk. */
    public static BodyWriter chunks(byte[] body) {
        return out -> {
            for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                int size = Math.min(64 * 1024, body.length - offset);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, offset, size);
                out.write(crlf());
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }

    /** Returns a writer that sends {@code total} bytes of 'x' as a plain (Content-Length) body. */
    public static BodyWriter plain(long total) {
        return out -> {
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            while (sent < total) {
                int size = (int) Math.min(block.length, total - sent);
                out.write(block, 0, size);
                sent += size;
            }
            out.flush();
        };
    }

    private static void writeQuietly(BodyWriter body, OutputStream out) {
        try {
            body.write(out);
        } catch (IOException closedEarly) {
            // The server responded and closed before taking the whole body; its response is read all the same.
        }
    }

    private static Response read(InputStream in) throws IOException {
        List<Integer> interim = new ArrayList<>();
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new IOException("The server closed the connection without a response");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200) {
                interim.add(status);
                continue;
            }
            return new Response(status, headers, readBody(in, headers), interim);
        }
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.writeBytes(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0; size = Integer.parseInt(readLine(in).trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                readLine(in);
            }
        } else {
            try {
                body.writeBytes(in.readAllBytes());
            } catch (SocketTimeoutException e) {
                // A response without length that the server did not end: keep what arrived.
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] crlf() {
        return new byte[] { '\r', '\n' };
    }
}
