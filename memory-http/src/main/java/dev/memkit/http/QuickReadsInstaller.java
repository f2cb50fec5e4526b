package dev.memkit.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Puts the fast path of the quick reads ({@link QuickReads}) in front of Micronaut's request
 * handler on every HTTP/1.1 connection, when it is on.
 */
@Singleton
final class QuickReadsInstaller
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  private final Provider<QuickReads> reads;

  QuickReadsInstaller(Provider<QuickReads> reads) {
    this.reads = reads;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    QuickReads quick = reads.get();
    if (quick.enabled()) {
      event.getBean().register(new Customizer(quick, null));
    }
    return event.getBean();
  }

  /** The server's customizer, specialised for each connection. */
  private record Customizer(QuickReads reads, Channel connection) implements NettyServerCustomizer {
    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return role == ChannelRole.CONNECTION ? new Customizer(reads, channel) : this;
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (connection == null) {
        return;
      }
      ChannelPipeline pipeline = connection.pipeline();
      // HTTP/1 only: the codec that turns bytes into requests, then Micronaut's handler
      if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
          && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
          && pipeline.get(QuickReadHandler.NAME) == null) {
        pipeline.addBefore(
            ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
            QuickReadHandler.NAME,
            new QuickReadHandler(reads));
      }
    }
  }
}
