package dev.memkit.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/1.1 connection's fast path ({@link QuickReads}), placed right before Micronaut's request
 * handler: a request {@link QuickReads#answer} answers is written back here and never reaches
 * Micronaut; every other request goes on unchanged.
 *
 * <p>Responses leave in the order the requests came, also when a client pipelines them: a request
 * is answered here only when every request handed on before it has had its whole response written
 * (counted from the responses Micronaut writes through this handler), else it is handed on too. It
 * also hands requests on while the connection cannot take more output, so that Micronaut's own
 * back-pressure applies.
 */
final class QuickReadHandler extends ChannelDuplexHandler {
  /** The handler's name in the channel pipeline. */
  static final String NAME = "memkit-quick-reads";

  private final QuickReads reads;
  private final QuickReads.Memo memo = new QuickReads.Memo();

  /** Requests handed on to Micronaut whose response has not been written whole yet. */
  private int handedOn;

  /** Whether the rest of a request answered here (its empty last content) is still to come. */
  private boolean dropping;

  /** Whether responses were written here since the last flush. */
  private boolean unflushed;

  QuickReadHandler(QuickReads reads) {
    this.reads = reads;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (dropping) {
      dropping = !(msg instanceof LastHttpContent);
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      FullHttpResponse response =
          handedOn == 0 && ctx.channel().isWritable() ? reads.answer(request, memo) : null;
      if (response != null) {
        dropping = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        ctx.write(response, ctx.voidPromise());
        unflushed = true;
        return;
      }
      handedOn++;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof LastHttpContent
        && handedOn > 0
        && !(msg instanceof HttpResponse response && informational(response))) {
      handedOn--;
    }
    ctx.write(msg, promise);
  }

  /** Whether {@code response} is an interim {@code 1xx} response, which another one follows. */
  private static boolean informational(HttpResponse response) {
    int code = response.status().code();
    return code >= 100 && code < 200;
  }
}
