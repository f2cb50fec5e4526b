package dev.memkit.store.json;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.port.out.MemoryVector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.zip.CRC32;

/**
 * {@code memory_vectors.bin}: the memories' embeddings, beside the JSON files rather than in them
 * (a vector is 384 numbers: in {@code memory.json} it would drown the records a person reads).
 * Derived data: each put is appended as one checksummed binary record, not forced to disk and not
 * part of the journal; a record lost in a crash, or cut short, only means that memory is embedded
 * again. The file is rewritten without dead records when they outnumber the live ones.
 *
 * <p>A record: length (int), CRC-32 of the payload (int), then the payload: memory id (long), text
 * hash (int), model id length (short) and UTF-8 bytes, dimension (int; 0 marks a removal), the
 * numbers as float32. All little-endian.
 */
final class VectorFile {
  static final String NAME = "memory_vectors.bin";
  private static final int MAX_RECORD = 1 << 20;
  private final Path file;
  private Map<Long, MemoryVector> vectors;
  private long records;

  VectorFile(Path dir) {
    this.file = dir.resolve(NAME);
  }

  /** Keeps {@code vector}, replacing the memory's earlier one. */
  synchronized void put(MemoryVector vector) {
    load().put(vector.memory().value(), vector);
    append(encode(vector.memory().value(), vector.textHash(), vector.model(), vector.values()));
  }

  /** Forgets the vector of memory {@code id}. */
  synchronized void remove(long id) {
    if (load().remove(id) != null) {
      append(encode(id, 0, "", new float[0]));
    }
  }

  /**
   * Every vector of {@code model} whose memory {@code exists} accepts; rewrites the file when
   * mostly dead.
   */
  synchronized Map<Long, MemoryVector> live(String model, LongPredicate exists) {
    Map<Long, MemoryVector> out = new LinkedHashMap<>();
    load()
        .forEach(
            (id, v) -> {
              if (v.model().equals(model) && exists.test(id)) {
                out.put(id, v);
              }
            });
    return out;
  }

  /**
   * Drops vectors whose memory {@code exists} rejects, and rewrites the file when most of it is
   * dead.
   */
  synchronized void compact(LongPredicate exists) {
    Map<Long, MemoryVector> all = load();
    all.keySet().removeIf(id -> !exists.test(id));
    if (records <= 2L * all.size() + 64) {
      return;
    }
    Path tmp = file.resolveSibling(NAME + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (MemoryVector v : all.values()) {
        ByteBuffer b = encode(v.memory().value(), v.textHash(), v.model(), v.values());
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      out.force(true);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot rewrite " + file + ": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot replace " + file + ": " + e.getMessage(), e);
    }
    records = all.size();
  }

  private Map<Long, MemoryVector> load() {
    if (vectors != null) {
      return vectors;
    }
    Map<Long, MemoryVector> loaded = new LinkedHashMap<>();
    long count = 0;
    if (Files.exists(file)) {
      try (FileChannel in =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = in.size();
        long position = 0;
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (position + 8 <= size) {
          head.clear();
          in.read(head, position);
          head.flip();
          int length = head.getInt();
          int crc = head.getInt();
          if (length < 18 || length > MAX_RECORD || position + 8 + length > size) {
            break;
          }
          ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
          in.read(payload, position + 8);
          CRC32 check = new CRC32();
          check.update(payload.array());
          if ((int) check.getValue() != crc) {
            break;
          }
          payload.flip();
          decode(payload, loaded);
          count++;
          position += 8 + length;
        }
        if (position < size) {
          in.truncate(position); // a torn or damaged tail: those memories are embedded again
        }
      } catch (IOException | RuntimeException e) {
        throw new StoreUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    vectors = loaded;
    records = count;
    return loaded;
  }

  private static void decode(ByteBuffer payload, Map<Long, MemoryVector> into) {
    long id = payload.getLong();
    int hash = payload.getInt();
    byte[] model = new byte[payload.getShort()];
    payload.get(model);
    int dimension = payload.getInt();
    if (dimension == 0) {
      into.remove(id);
      return;
    }
    float[] values = new float[dimension];
    payload.asFloatBuffer().get(values);
    into.put(
        id,
        new MemoryVector(MemoryId.of(id), new String(model, StandardCharsets.UTF_8), hash, values));
  }

  private static ByteBuffer encode(long id, int hash, String model, float[] values) {
    byte[] m = model.getBytes(StandardCharsets.UTF_8);
    int length = 8 + 4 + 2 + m.length + 4 + values.length * Float.BYTES;
    ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    payload.putLong(id).putInt(hash).putShort((short) m.length).put(m).putInt(values.length);
    for (float f : values) {
      payload.putFloat(f);
    }
    CRC32 crc = new CRC32();
    crc.update(payload.array());
    ByteBuffer record = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
    record.putInt(length).putInt((int) crc.getValue()).put(payload.array());
    record.flip();
    return record;
  }

  private void append(ByteBuffer record) {
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (record.hasRemaining()) {
        out.write(record);
      }
      records++;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
