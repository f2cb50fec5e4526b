package dev.memkit.core.error;

/**
 * Input broke a rule. Names the field and the rule, so a caller can say exactly what to fix.
 * Nothing was changed.
 */
public class ValidationException extends MemoryException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  /** Creates an exception for {@code field} breaking {@code rule}; the message shows both. */
  public ValidationException(String field, String rule) {
    super(field + " " + rule);
    this.field = field;
    this.rule = rule;
  }

  /** The field that broke the rule, e.g. {@code tags[2]}. */
  public String field() {
    return field;
  }

  /** The rule broken, e.g. {@code must match [a-z][a-z0-9_-]{0,31}: 'Note'}. */
  public String rule() {
    return rule;
  }
}
