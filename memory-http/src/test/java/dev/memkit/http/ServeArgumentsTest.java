package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code memkit serve}'s options override the environment; anything else is a usage error. */
class ServeArgumentsTest {

  @Test
  void optionsOverrideTheEnvironmentInBothSpellings() {
    ServeArguments args =
        ServeArguments.parse("--port", "9090", "--host=0.0.0.0", "--store", "json:/tmp/x");
    Map<String, String> env =
        args.applyTo(Map.of("MEMKIT_PORT", "8080", "MEMKIT_STORE", "mem:", "MEMKIT_API_KEY", "k"));
    assertThat(env)
        .containsEntry("MEMKIT_PORT", "9090")
        .containsEntry("MEMKIT_HOST", "0.0.0.0")
        .containsEntry("MEMKIT_STORE", "json:/tmp/x")
        .containsEntry("MEMKIT_API_KEY", "k");
    assertThat(args.help()).isFalse();
  }

  @Test
  void noOptionsLeaveTheEnvironmentAsItIs() {
    assertThat(ServeArguments.parse().applyTo(Map.of("MEMKIT_PORT", "8080")))
        .isEqualTo(Map.of("MEMKIT_PORT", "8080"));
  }

  @Test
  void helpIsRecognisedInBothSpellings() {
    assertThat(ServeArguments.parse("--help").help()).isTrue();
    assertThat(ServeArguments.parse("-h").help()).isTrue();
    assertThat(ServeArguments.USAGE)
        .contains("--port")
        .contains("--host")
        .contains("--store")
        .contains("--help");
  }

  @Test
  void unknownOptionsAndStrayArgumentsAreUsageErrors() {
    assertThatThrownBy(() -> ServeArguments.parse("--prot", "1"))
        .isInstanceOf(ServeArguments.UsageError.class)
        .hasMessage("unknown option '--prot'");
    assertThatThrownBy(() -> ServeArguments.parse("--verbose=yes"))
        .hasMessage("unknown option '--verbose'");
    assertThatThrownBy(() -> ServeArguments.parse("8080"))
        .hasMessageContaining("unexpected argument '8080'");
  }

  @Test
  void missingEmptyRepeatedOrMalformedValuesAreUsageErrors() {
    assertThatThrownBy(() -> ServeArguments.parse("--store")).hasMessage("--store needs a value");
    assertThatThrownBy(() -> ServeArguments.parse("--host=")).hasMessage("--host needs a value");
    assertThatThrownBy(() -> ServeArguments.parse("--port", "1", "--port=2"))
        .hasMessage("--port is given twice");
    assertThatThrownBy(() -> ServeArguments.parse("--port", "eighty"))
        .hasMessageContaining("--port must be a whole number");
    assertThatThrownBy(() -> ServeArguments.parse("--port", "70000"))
        .hasMessageContaining("--port must be a whole number");
  }
}
