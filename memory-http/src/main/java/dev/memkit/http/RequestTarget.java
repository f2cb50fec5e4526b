package dev.memkit.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks a request's target (path and query) as it came off the wire, before anything else reads
 * it: every {@code %} starts two hex digits, what they spell is valid UTF-8 (no overlong forms, no
 * encoded surrogates), and no raw control byte appears. A target that breaks a rule is a 400 naming
 * the part: the query parameter, or {@code path}.
 */
final class RequestTarget {
  private RequestTarget() {}

  /** What is wrong with {@code request}'s target, if anything. */
  static Optional<Problem> problem(HttpRequest<?> request) {
    String target;
    if (request instanceof NettyHttpRequest<?> netty) {
      target = netty.getNativeRequest().uri();
    } else {
      try {
        target = request.getUri().toString();
      } catch (RuntimeException e) {
        return Optional.of(
            Problem.field(io.micronaut.http.HttpStatus.BAD_REQUEST, "path", "must be a valid URL"));
      }
    }
    return problem(target);
  }

  /** What is wrong with the raw request target {@code target}, if anything. */
  static Optional<Problem> problem(String target) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Optional<String> pathRule = rule(path);
    if (pathRule.isPresent()) {
      return Optional.of(bad("path", pathRule.get()));
    }
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : target.substring(q + 1).split("&", -1)) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      Optional<String> nameRule = rule(rawName);
      if (nameRule.isPresent()) {
        return Optional.of(bad("query", "parameter names " + nameRule.get()));
      }
      if (eq >= 0) {
        Optional<String> valueRule = rule(pair.substring(eq + 1));
        if (valueRule.isPresent()) {
          return Optional.of(bad(decode(rawName.replace('+', ' ')), valueRule.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static Problem bad(String field, String rule) {
    return Problem.field(io.micronaut.http.HttpStatus.BAD_REQUEST, field, rule);
  }

  /** The rule {@code part} of a target breaks, if any. */
  private static Optional<String> rule(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return Optional.of(
            "must be percent-encoded: it holds the raw control character U+"
                + String.format("%04X", (int) c));
      }
      if (c == '%'
          && (i + 2 >= part.length() || !hex(part.charAt(i + 1)) || !hex(part.charAt(i + 2)))) {
        return Optional.of("must be valid percent-encoding: '%' must start two hex digits");
      }
    }
    try {
      strictUtf8(part);
    } catch (CharacterCodingException e) {
      return Optional.of(
          "must be percent-encoded UTF-8: it spells invalid UTF-8 (an overlong form, an encoded surrogate or a stray byte)");
    }
    return Optional.empty();
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** {@code part} percent-decoded as strict UTF-8. */
  private static String strictUtf8(String part) throws CharacterCodingException {
    byte[] bytes = new byte[part.length() * 3];
    int n = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '%') {
        bytes[n++] = (byte) Integer.parseInt(part, i + 1, i + 3, 16);
        i += 2;
      } else {
        byte[] own = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(own, 0, bytes, n, own.length);
        n += own.length;
      }
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, 0, n))
        .toString();
  }

  private static String decode(String part) {
    try {
      return strictUtf8(part);
    } catch (CharacterCodingException e) {
      return "query";
    }
  }
}
