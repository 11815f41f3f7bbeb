package nl.clientapp.common.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Counts the body bytes of HTTP/1.1 requests without {@code Content-Length} (chunked bodies) as
 * they come off the connection, before Vert.x buffers them, and stops such a body at the limit:
 * the rest is discarded unread and the request's rejection runs once. Neither Quarkus nor RESTEasy
 * Reactive caps a chunked body before they have read all of it. One counter sits in the Netty
 * pipeline of each connection that carried such a request, just before Vert.x's own handler.
 */
final class StreamedBodyCounter extends ChannelInboundHandlerAdapter {

    private static final String NAME = "clientapp-body-limit";
    /** Vert.x 4's name for its HTTP/1.x connection handler, the last in the pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private final long limit;
    private long received;
    private boolean counting;
    private boolean exceeded;
    private Runnable rejection;

    private StreamedBodyCounter(long limit) {
        this.limit = limit;
    }

    /**
     * Counts the body of the current request on {@code connection} and runs {@code rejection} once
     * it exceeds {@code limit} bytes. Runs on the connection's event loop, as Vert.x filters do.
     *
     * @return false when the connection is not an HTTP/1.x connection of Vert.x 4, whose body this cannot count
     */
    static boolean watch(HttpConnection connection, long limit, Runnable rejection) {
        if (!(connection instanceof ConnectionBase base)) {
            return false;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        StreamedBodyCounter counter = (StreamedBodyCounter) pipeline.get(NAME);
        if (counter == null) {
            if (pipeline.get(VERTX_HANDLER) == null) {
                return false;
            }
            counter = new StreamedBodyCounter(limit);
            // The head of this first request has already passed; count its body from here.
            counter.counting = true;
            pipeline.addBefore(VERTX_HANDLER, NAME, counter);
        }
        counter.arm(rejection);
        return true;
    }

    /**
     * Fails the read of the current request's body on {@code connection} with {@code failure}, as a
     * broken connection would, but leaves the connection open for the response.
     *
     * @return false when the connection is not Vert.x 4's HTTP/1.x connection
     */
    static boolean failRead(HttpConnection connection, Throwable failure) {
        if (!(connection instanceof Http1xServerConnection http1)) {
            return false;
        }
        // Delivers the failure to the request's and the response's exception handlers, without closing.
        http1.handleException(failure);
        return true;
    }

    private void arm(Runnable onExceeded) {
        if (exceeded) {
            onExceeded.run();
        } else {
            rejection = onExceeded;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest request) {
            received = 0;
            exceeded = false;
            rejection = null;
            counting = !request.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
        }
        if (counting && message instanceof HttpContent content) {
            received += content.content().readableBytes();
            if (received > limit) {
                ReferenceCountUtil.release(message);
                if (!exceeded) {
                    exceeded = true;
                    Runnable onExceeded = rejection;
                    rejection = null;
                    if (onExceeded != null) {
                        onExceeded.run();
                    }
                }
                return;
            }
        }
        context.fireChannelRead(message);
    }
}
