package dev.memkit.core.model;

/** Small text chores shared by the model's error messages. */
final class Text {
  private Text() {
  }

  /** {@code s} cut to 80 characters for an error message, control characters shown as '?'. */
  static String clip(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return out.toString();
  }
}
