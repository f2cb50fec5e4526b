package dev.memkit.core.json;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON Merge Patch, exactly as RFC 7386 defines it. */
public final class MergePatch {

  private MergePatch() {}

  /**
   * Applies {@code patch} to {@code target} and returns the result.
   *
   * <p>A non-object patch replaces the target; an object patch merges member by member, a {@code
   * null} member removing that member. {@code target} may be {@code null} for "absent".
   */
  public static JsonValue apply(JsonValue target, JsonValue patch) {
    if (!(patch instanceof JsonValue.JsonObject patchObject)) {
      return patch;
    }
    Map<String, JsonValue> result =
        target instanceof JsonValue.JsonObject targetObject
            ? new LinkedHashMap<>(targetObject.members())
            : new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> member : patchObject.members().entrySet()) {
      if (member.getValue() instanceof JsonValue.JsonNull) {
        result.remove(member.getKey());
      } else {
        result.put(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
      }
    }
    return new JsonValue.JsonObject(result);
  }
}
