package dev.memkit.core.port.out;

import dev.memkit.core.model.MemoryId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The embedding of one memory as a store keeps it.
 *
 * @param memory whose vector it is
 * @param model the {@link Embedder#modelId()} that made it; vectors of another model are stale
 * @param textHash a hash of the exact text that was embedded, so a vector of an older text of the
 *     memory is recognised as stale, whatever changed the memory (update, restore, import)
 * @param values the vector, not empty; the array is shared, not copied, and must not be changed
 */
public record MemoryVector(MemoryId memory, String model, int textHash, float[] values) {
  /** Rejects missing parts and an empty vector. */
  public MemoryVector {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(values, "values");
    if (values.length == 0 || model.isBlank()) {
      throw new IllegalArgumentException(
          "a memory vector needs a model id and at least one number");
    }
  }

  /** {@link #values()} as float32 little-endian bytes: the form stores keep them in. */
  public byte[] valuesAsBytes() {
    ByteBuffer buffer =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  /** The values written by {@link #valuesAsBytes()}. */
  public static float[] valuesFrom(byte[] bytes) {
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }
}
