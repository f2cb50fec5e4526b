package dev.memkit.jackson;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Refuses byte input that is not well-formed UTF-8 before a Jackson parser decodes it: overlong
 * forms ({@code C0 AF} for {@code /}), encoded surrogates ({@code ED A0 80}), code points above
 * U+10FFFF, stray continuation bytes and truncated sequences. Jackson's own decoder lets overlong
 * forms through; installed as a factory's {@link InputDecorator}, this makes every parser of that
 * factory strict. A violation is a {@link CharConversionException} saying where.
 */
public final class StrictUtf8 extends InputDecorator {
  private static final long serialVersionUID = 1L;

  /** The one instance; it holds no state. */
  public static final StrictUtf8 DECORATOR = new StrictUtf8();

  private StrictUtf8() {}

  @Override
  public InputStream decorate(IOContext ctxt, InputStream in) {
    return new Checking(in);
  }

  @Override
  public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length)
      throws IOException {
    Validator v = new Validator();
    for (int i = offset; i < offset + length; i++) {
      v.accept(src[i]);
    }
    v.end();
    return null; // valid: parse the array as it is
  }

  @Override
  public Reader decorate(IOContext ctxt, Reader r) {
    return r; // characters, not bytes: a lone surrogate is caught where values are checked
  }

  /** Checks a byte sequence one byte at a time. */
  static final class Validator {
    private long position;
    private int remaining;
    private int low = 0x80;
    private int high = 0xBF;

    void accept(byte value) throws CharConversionException {
      int b = value & 0xFF;
      if (remaining == 0) {
        if (b < 0x80) {
          // ASCII
        } else if (b >= 0xC2 && b <= 0xDF) {
          expect(1, 0x80, 0xBF);
        } else if (b == 0xE0) {
          expect(2, 0xA0, 0xBF); // no overlong three-byte form
        } else if (b == 0xED) {
          expect(2, 0x80, 0x9F); // no encoded surrogate
        } else if (b >= 0xE1 && b <= 0xEF) {
          expect(2, 0x80, 0xBF);
        } else if (b == 0xF0) {
          expect(3, 0x90, 0xBF); // no overlong four-byte form
        } else if (b >= 0xF1 && b <= 0xF3) {
          expect(3, 0x80, 0xBF);
        } else if (b == 0xF4) {
          expect(3, 0x80, 0x8F); // nothing above U+10FFFF
        } else {
          throw fail(b);
        }
      } else {
        if (b < low || b > high) {
          throw fail(b);
        }
        remaining--;
        low = 0x80;
        high = 0xBF;
      }
      position++;
    }

    void end() throws CharConversionException {
      if (remaining != 0) {
        throw new CharConversionException(
            "invalid UTF-8: the input ends inside a multi-byte sequence");
      }
    }

    private void expect(int count, int firstLow, int firstHigh) {
      remaining = count;
      low = firstLow;
      high = firstHigh;
    }

    private CharConversionException fail(int b) {
      return new CharConversionException(
          String.format(
              "invalid UTF-8: byte 0x%02X at offset %d is not allowed there (overlong form, encoded surrogate or stray byte)",
              b, position));
    }
  }

  private static final class Checking extends FilterInputStream {
    private final Validator validator = new Validator();

    Checking(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        validator.end();
      } else {
        validator.accept((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        validator.end();
      }
      for (int i = 0; i < n; i++) {
        validator.accept(buffer[offset + i]);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }
  }
}
