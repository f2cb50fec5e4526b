package dev.memkit.http;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.MemoryException;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.StateUseCase;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fast path of the two quick reads, {@code GET /state/get?key=K} and {@code GET
 * /v1/state/K[?namespace=N]}: answered right on the connection's event loop ({@link
 * QuickReadHandler}) instead of through Micronaut's filters, routing and response pipeline, with
 * the same bytes, request log line, metrics and rate-limit token as the routes.
 *
 * <p>It answers only the plain successful case: HTTP/1.1 {@code GET} without a body or {@code
 * Connection}, {@code Expect} or {@code Upgrade} header, a target of plain characters ({@code
 * A-Za-z0-9._~:-}, nothing encoded), a known key allowed to read the namespace, a token in its
 * rate-limit bucket, and an entry found ({@code /state/get} of an unset key is a success too:
 * {@code {"value":null}}). Everything else — errors, other routes, odd targets — goes on unchanged
 * to the routes ({@link #answer} returns null), so every error still comes from the same code.
 *
 * <p>On only with a store that reads on this machine (SQLite, JSON files, {@code mem:}) and unless
 * {@code MEMKIT_FAST_READS=false}.
 */
@Singleton
final class QuickReads {
  /** The route templates, as the metrics name them. */
  static final String STATE_GET = "/state/get";

  static final String V1_STATE = "/v1/state/{key}";

  private static final String STATE_GET_TARGET = "/state/get?key=";
  private static final String V1_STATE_PREFIX = "/v1/state/";
  private static final String NAMESPACE_QUERY = "?namespace=";
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("content-type");
  private static final AsciiString JSON = AsciiString.cached("application/json");
  private static final AsciiString ETAG = AsciiString.cached(StateController.ETAG);
  private static final AsciiString DATE = AsciiString.cached("date");
  private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
  private static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final HttpHeadersFactory TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private final boolean enabled;
  private final Memkit memkit;
  private final Authentication authentication;
  private final RateLimiter limiter;
  private final RequestMeter requests;
  private final boolean dateHeader;
  private final int compressionThreshold;
  private final LongAdder answered = new LongAdder();
  private volatile Timer stateGetTimer;
  private volatile Timer v1StateTimer;
  private volatile DateLine date = new DateLine(Long.MIN_VALUE, "");

  QuickReads(
      ServerRuntime runtime,
      Authentication authentication,
      RateLimiter limiter,
      RequestMeter requests,
      NettyHttpServerConfiguration server) {
    this.enabled =
        MemkitServer.readsLocally(runtime.settings().store())
            && OpsSettings.from(runtime.settings().environment()).fastReads();
    this.memkit = runtime.memkit();
    this.authentication = authentication;
    this.limiter = limiter;
    this.requests = requests;
    this.dateHeader = server.isDateHeader();
    this.compressionThreshold = server.getCompressionThreshold();
  }

  /** How many requests this path has answered. */
  long answered() {
    return answered.sum();
  }

  /** Whether the fast path is on for this server. */
  boolean enabled() {
    return enabled;
  }

  /**
   * The response to {@code request} when it is a quick read this path answers, with its log line
   * written and its latency recorded; null when the request must go on to the routes.
   *
   * @param memo the connection's memory of its previous quick read
   */
  FullHttpResponse answer(HttpRequest request, Memo memo) {
    long start = System.nanoTime();
    if (request.method() != HttpMethod.GET
        || request.protocolVersion() != HttpVersion.HTTP_1_1
        || !request.decoderResult().isSuccess()) {
      return null;
    }
    HttpHeaders headers = request.headers();
    if (headers.contains(HttpHeaderNames.CONNECTION)
        || headers.contains(HttpHeaderNames.CONTENT_LENGTH)
        || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
        || headers.contains(HttpHeaderNames.EXPECT)
        || headers.contains(HttpHeaderNames.UPGRADE)) {
      return null;
    }
    String uri = request.uri();
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    Target target = memo.target(uri, authorization);
    if (target == null) {
      target = target(uri, authorization);
      if (target == null) {
        return null;
      }
      memo.remember(uri, authorization, target);
    }
    String keyId = target.caller().keyId();
    if (limiter.take(keyId) != 0) {
      return null;
    }
    Optional<StateEntry> entry;
    try {
      entry = target.state().get(target.key());
    } catch (RuntimeException e) {
      limiter.giveBack(keyId); // the route reads again and answers the error
      return null;
    }
    Read read = target.read();
    if (!read.seed() && entry.isEmpty()) {
      limiter.giveBack(keyId); // the route's 404
      return null;
    }
    byte[] body = memo.body(read.seed(), entry);
    if (body.length >= compressionThreshold && headers.contains(HttpHeaderNames.ACCEPT_ENCODING)) {
      limiter.giveBack(keyId); // the route's compressed answer
      return null;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            Unpooled.wrappedBuffer(body),
            HEADERS,
            TRAILERS);
    HttpHeaders out = response.headers();
    out.add(CONTENT_TYPE, JSON);
    if (!read.seed()) {
      out.add(ETAG, StateController.etag(entry.get()));
    }
    if (dateHeader) {
      out.add(DATE, date());
    }
    out.add(CONTENT_LENGTH, Integer.toString(body.length));
    long nanos = System.nanoTime() - start;
    if (requests.enabled()) {
      timer(read.seed()).record(nanos, TimeUnit.NANOSECONDS);
    }
    RequestLog.write("GET", read.path(), 200, nanos / 1_000_000, keyId);
    answered.increment();
    return response;
  }

  /**
   * What a request for {@code uri} with {@code authorization} reads, when this path may answer it:
   * a plain quick-read target, a known key allowed to read the namespace, a valid state key.
   */
  private Target target(String uri, String authorization) {
    Read read = Read.parse(uri);
    if (read == null) {
      return null;
    }
    Optional<Caller> caller = authentication.check(read.path(), authorization).caller();
    if (caller.isEmpty()) {
      return null;
    }
    try {
      Optional<Namespace> namespace = Access.permitted(caller.get(), read.namespace(), Role.READ);
      if (namespace.isEmpty()) {
        return null;
      }
      StateKey key = StateKey.of(read.key());
      return new Target(
          read, caller.get(), key, memkit.space(namespace.get(), caller.get().actor()).state());
    } catch (MemoryException e) {
      return null;
    }
  }

  /**
   * A quick read this path may answer: the target taken apart, the caller, the key, and the use
   * cases of the namespace acting as the caller.
   */
  record Target(Read read, Caller caller, StateKey key, StateUseCase state) {}

  /**
   * What one connection remembers of its previous quick read, so that a client asking the same
   * again (an agent polling a value) is not authenticated, parsed and serialised anew: the target
   * of the same request target and {@code Authorization} header, and the body of an equal entry.
   * Used by one connection's event loop only. The header is compared as sent on this connection,
   * whose key was already accepted: it reveals nothing about other keys.
   */
  static final class Memo {
    private String uri;
    private String authorization;
    private Target target;
    private boolean seed;
    private Optional<StateEntry> entry;
    private byte[] body;

    Target target(String uri, String authorization) {
      return target != null
              && uri.equals(this.uri)
              && Objects.equals(authorization, this.authorization)
          ? target
          : null;
    }

    void remember(String uri, String authorization, Target target) {
      this.uri = uri;
      this.authorization = authorization;
      this.target = target;
    }

    /** The body answering {@code entry}: {@code GET /state/get}'s when {@code seed}. */
    byte[] body(boolean seed, Optional<StateEntry> entry) {
      if (body == null || seed != this.seed || !entry.equals(this.entry)) {
        this.body =
            JsonWriter.compact(
                    seed ? SeedController.stateValue(entry) : RecordJson.state(entry.get()))
                .getBytes(StandardCharsets.UTF_8);
        this.seed = seed;
        this.entry = entry;
      }
      return body;
    }
  }

  private Timer timer(boolean seed) {
    Timer timer = seed ? stateGetTimer : v1StateTimer;
    if (timer == null) {
      // the meter Micronaut's server metrics filter records these routes' successes in
      timer = requests.timer("GET", 200, seed ? STATE_GET : V1_STATE);
      if (seed) {
        stateGetTimer = timer;
      } else {
        v1StateTimer = timer;
      }
    }
    return timer;
  }

  /** The {@code date} header's value as the routes write it, made once a second. */
  private String date() {
    long second = System.currentTimeMillis() / 1000;
    DateLine line = date;
    if (line.second() != second) {
      line =
          new DateLine(
              second,
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
      date = line;
    }
    return line.text();
  }

  private record DateLine(long second, String text) {}

  /**
   * A request target this path answers, taken apart.
   *
   * @param seed {@code /state/get} (else {@code /v1/state/{key}})
   * @param path the target's path, as the request log shows it
   * @param namespace the {@code namespace} parameter, null when absent
   */
  record Read(boolean seed, String path, String key, String namespace) {
    /** The target {@code uri} taken apart, or null when it is not one of the plain quick reads. */
    static Read parse(String uri) {
      if (uri.startsWith(STATE_GET_TARGET)) {
        String key = uri.substring(STATE_GET_TARGET.length());
        return plain(key) ? new Read(true, STATE_GET, key, null) : null;
      }
      if (!uri.startsWith(V1_STATE_PREFIX)) {
        return null;
      }
      int query = uri.indexOf('?');
      String path = query < 0 ? uri : uri.substring(0, query);
      String key = path.substring(V1_STATE_PREFIX.length());
      if (!plain(key) || key.equals(".") || key.equals("..")) {
        return null;
      }
      if (query < 0) {
        return new Read(false, path, key, null);
      }
      if (!uri.startsWith(NAMESPACE_QUERY, query)) {
        return null;
      }
      String namespace = uri.substring(query + NAMESPACE_QUERY.length());
      return plain(namespace) ? new Read(false, path, key, namespace) : null;
    }

    /** Whether {@code s} is not empty and holds only characters that mean themselves. */
    private static boolean plain(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok =
            c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == ':';
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
