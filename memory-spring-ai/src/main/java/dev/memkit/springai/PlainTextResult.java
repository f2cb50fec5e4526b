package dev.memkit.springai;

import java.lang.reflect.Type;
import org.springframework.ai.tool.execution.ToolCallResultConverter;

/**
 * Hands a tool's text to the model as it is, instead of as a quoted JSON string: memkit's tools
 * already answer in plain text written for a model.
 */
public final class PlainTextResult implements ToolCallResultConverter {
  /** Creates the converter; Spring AI instantiates it from the {@code @Tool} annotation. */
  public PlainTextResult() {}

  @Override
  public String convert(Object result, Type returnType) {
    return String.valueOf(result);
  }
}
