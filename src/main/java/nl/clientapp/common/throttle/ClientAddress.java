package nl.clientapp.common.throttle;

import io.vertx.core.http.HttpServerRequest;

/** The client IP address of a request, as Quarkus resolved it from trusted proxies only. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest http) {
        return http.remoteAddress().host();
    }
}
