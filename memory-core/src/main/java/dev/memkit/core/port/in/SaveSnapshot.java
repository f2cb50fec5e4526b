package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Tag;
import java.util.List;

/**
 * A session snapshot to save: a memory of kind {@code snapshot}.
 *
 * @param summary what the session did, 1..32768 characters
 * @param data structured data kept with it (an empty object for none), as large as a memory's
 *     metadata may be
 * @param tags at most 32
 */
public record SaveSnapshot(String summary, JsonValue.JsonObject data, List<Tag> tags) {
  /** Checks the summary, the data and the tags. */
  public SaveSnapshot {
    Limits.text(summary, "summary", Limits.MEMORY_TEXT_MAX_CHARS);
    Limits.json(Limits.required(data, "data"), "data", Limits.METADATA_MAX_BYTES);
    tags = Memory.checkTags(tags);
  }

  /** A snapshot of {@code summary} alone. */
  public static SaveSnapshot of(String summary) {
    return new SaveSnapshot(summary, JsonValue.emptyObject(), List.of());
  }
}
