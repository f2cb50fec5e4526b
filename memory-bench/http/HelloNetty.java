import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of the HTTP benchmark: a bare Netty server answering every request with
 * {"value":"testing"}, the same bytes GET /state/get gives. Run from the server jar, which holds
 * Netty: java -cp memory-http/target/memkit-server.jar memory-bench/http/HelloNetty.java PORT
 */
public final class HelloNetty {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "18481");
    byte[] body = "{\"value\":\"testing\"}".getBytes(StandardCharsets.UTF_8);
    NioEventLoopGroup boss = new NioEventLoopGroup(1);
    NioEventLoopGroup workers = new NioEventLoopGroup();
    try {
      new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                  new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                          Unpooled.wrappedBuffer(body));
                      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                      boolean keepAlive = HttpUtil.isKeepAlive(request);
                      HttpUtil.setKeepAlive(response, keepAlive);
                      var write = ctx.writeAndFlush(response);
                      if (!keepAlive) {
                        write.addListener(ChannelFutureListener.CLOSE);
                      }
                    }
                  });
            }
          })
          .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    } finally {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
    }
  }
}
