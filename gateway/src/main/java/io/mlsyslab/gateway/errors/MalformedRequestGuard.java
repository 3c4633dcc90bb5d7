package io.mlsyslab.gateway.errors;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.gateway.requestid.RequestIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits right behind the HTTP decoder of each client connection and answers what never becomes a WebFlux exchange:
 * requests the decoder refused (414 for an over-long request line, 431 for over-large headers, 400 for the rest)
 * and request targets or Host headers that WebFlux could not turn into a URI (400). Left alone, Reactor Netty and
 * WebFlux answer those with an empty body; here they get problem+json with a request id like every other gateway
 * error. A body whose framing breaks later (a chunk size that is not hex) is handed on as an error of the body, so
 * the exchange already under way answers it (400 from BodyDeadlineFilter). One instance per connection.
 */
final class MalformedRequestGuard extends ChannelInboundHandlerAdapter {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.mlsyslab.gateway.access");

    private final JsonMapper json;
    private final MeterRegistry meters;
    /** Set once this connection's request was refused: whatever else the decoder hands on is dropped. */
    private boolean refused;

    MalformedRequestGuard(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Refusal refusal = refusal(request);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                answer(ctx, refusal.status(), refusal.detail());
                return;
            }
        }
        if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            refused = true;
            Throwable cause = content.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(new MalformedBodyException(cause));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the request cannot be served, or null when it can. */
    private static Refusal refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            return switch (cause) {
                case TooLongHttpLineException _ -> new Refusal(414, "Request line is longer than the gateway accepts");
                case TooLongHttpHeaderException _ -> new Refusal(431, "Request headers are larger than the gateway accepts");
                default -> new Refusal(400, "Malformed HTTP request (" + cause.getMessage() + ")");
            };
        }
        try {
            new URI(request.uri());
            String host = request.headers().get(HttpHeaderNames.HOST);
            if (host != null) {
                new URI("http://" + host + "/");
            }
            return null;
        } catch (URISyntaxException e) {
            return new Refusal(400, "Malformed request target or Host header (" + e.getReason() + ")");
        }
    }

    private record Refusal(int status, String detail) {
    }

    private void answer(ChannelHandlerContext ctx, int status, String detail) {
        String requestId = RequestIds.acceptOrGenerate(null);
        meters.counter("gateway.problems", "status", Integer.toString(status)).increment();
        ACCESS.info("- - {} key=- requestId={} ({})", status, requestId, detail);
        byte[] body = json.writeValueAsBytes(ProblemBody.of(status, detail, null, requestId));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(RequestIds.HEADER, requestId);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The request body's framing is broken: the client's error, surfaced through the body being read. */
    static final class MalformedBodyException extends IOException {
        MalformedBodyException(Throwable cause) {
            super("malformed request body: " + cause.getMessage(), cause);
        }
    }
}
