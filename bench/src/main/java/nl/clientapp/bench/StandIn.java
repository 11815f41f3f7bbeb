package nl.clientapp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Loopback stand-in for the outside providers of the production build: CM.com's SMS gateway
 * ({@code POST /v1.0/message}) and FCM ({@code POST /v1/projects/{id}/messages:send}). It accepts
 * every message and keeps nothing, so the benchmark measures the API and never reaches a real host.
 */
final class StandIn {

    private final AtomicLong messages = new AtomicLong();

    void run(Args args) throws IOException {
        int port = Integer.parseInt(args.required("port"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1.0/message", exchange -> answer(exchange,
                "{\"details\":\"Created 1 message(s)\",\"errorCode\":0,\"messages\":[{\"to\":\"bench\",\"status\":\"Accepted\","
                        + "\"reference\":null,\"parts\":1,\"messageDetails\":null,\"messageErrorCode\":0}]}"));
        server.createContext("/v1/projects/", exchange -> answer(exchange, "{\"name\":\"projects/bench/messages/" + messages.get() + "\"}"));
        server.start();
        System.out.println("Stand-in for SMS and push listening on 127.0.0.1:" + port);
    }

    private void answer(HttpExchange exchange, String body) throws IOException {
        try (InputStream request = exchange.getRequestBody()) {
            request.readAllBytes();
        }
        messages.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
