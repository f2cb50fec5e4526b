package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * A standard generator makes a client of the served document: openapi-generator's Java client
 * (java.net.http and Jackson) is generated from {@code /openapi.json} and compiled, so a document a
 * generator cannot use fails the build, and its typed models are there.
 */
class ClientGenerationTest {
  @TempDir Path dir;

  @Test
  void aJavaClientGeneratedFromTheDocumentCompilesWithTypedModels() throws IOException {
    Path spec = dir.resolve("openapi.json");
    try (TestServer http =
        TestServer.start(
            Map.of("MEMKIT_STORE", "mem:", "MEMKIT_API_KEY", TestServer.KEY), TestServer.KEY)) {
      Files.writeString(spec, http.as(null).get("/openapi.json").body());
    }
    Path out = dir.resolve("client");
    CodegenConfigurator config =
        new CodegenConfigurator()
            .setGeneratorName("java")
            .setLibrary("native")
            .setInputSpec(spec.toString())
            .setOutputDir(out.toString())
            .setInvokerPackage("dev.memkit.client")
            .setApiPackage("dev.memkit.client.api")
            .setModelPackage("dev.memkit.client.model")
            .addAdditionalProperty("useJakartaEe", true)
            .addAdditionalProperty("hideGenerationTimestamp", true)
            .addAdditionalProperty("openApiNullable", false);
    new DefaultGenerator().opts(config.toClientOptInput()).generate();

    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out.resolve("src/main/java"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
    }
    Path model = out.resolve("src/main/java/dev/memkit/client/model");
    assertThat(model.resolve("Memory.java")).exists();
    assertThat(model.resolve("SearchHitList.java")).exists();
    assertThat(model.resolve("SeedStateValue.java")).exists();
    assertThat(Files.readString(model.resolve("Memory.java")))
        .contains("getCreatedAt")
        .contains("getTags");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-proc:none",
                "-nowarn",
                "-cp",
                System.getProperty("java.class.path") + File.pathSeparator));
    args.addAll(sources);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(String[]::new));
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(classes.resolve("dev/memkit/client/model/Memory.class")).exists();
  }
}
