package dev.memkit.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log: one line per request at {@code INFO} on the logger {@code
 * dev.memkit.http.requests}, {@code METHOD PATH STATUS MILLISms key=ID}. The key itself is never
 * logged. Written by {@link AuthFilter}, {@link RateLimitFilter} and {@link QuickReads}, so every
 * request has the same line whichever path answered it.
 */
final class RequestLog {
  /** The logger of the request log. */
  static final Logger LOGGER = LoggerFactory.getLogger("dev.memkit.http.requests");

  private RequestLog() {}

  /**
   * Logs one answered request.
   *
   * @param path the request's path, without its query
   * @param millis how long the request took
   * @param keyId the id of the caller's key, {@code -} when none was accepted
   */
  static void write(String method, String path, int status, long millis, String keyId) {
    if (LOGGER.isInfoEnabled()) {
      // one string rather than a pattern with arguments: formatted here either way (the log is
      // asynchronous), and a plain concatenation is the cheaper of the two
      LOGGER.info(
          method + " " + Problem.clip(path) + " " + status + " " + millis + "ms key=" + keyId);
    }
  }
}
