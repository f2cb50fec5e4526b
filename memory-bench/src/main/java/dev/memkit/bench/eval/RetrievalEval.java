package dev.memkit.bench.eval;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.out.Embedder;
import dev.memkit.core.port.out.EmbedderProvider;
import dev.memkit.core.search.VectorIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Scores search on the labelled set: {@code eval/memories.tsv} (the answers and some chatter),
 * {@code eval/hard-negatives.tsv} (the same topics said by others), {@code eval/filler.tsv}
 * (workplace chatter), {@code eval/lookalikes.tsv} (tickets and deploys told apart only by an
 * identifier) and {@code eval/questions.tsv}: recall@5 and recall@10 (did an answer appear in the
 * first 5 / 10 hits) for keyword, semantic and hybrid search at semantic weights 0.0 to 1.0, over
 * all questions, the paraphrase questions (answers sharing few words with them) and the keyword
 * questions. Also semantic recall with exact float cosine instead of the int8 index, and without
 * the speaker before each text.
 *
 * <pre>
 * ./mvnw -B -q -pl memory-bench -am package -DskipTests
 * java -cp memory-bench/target/benchmarks.jar dev.memkit.bench.eval.RetrievalEval
 * </pre>
 */
public final class RetrievalEval {
  private static final int[] KS = {5, 10};

  private RetrievalEval() {}

  record Item(String label, String speaker, String text) {}

  record Question(String kind, Set<String> answers, String text) {}

  /** Runs the evaluation and prints Markdown tables. */
  public static void main(String[] args) throws Exception {
    List<Item> items = new ArrayList<>();
    for (String file :
        List.of(
            "eval/memories.tsv",
            "eval/hard-negatives.tsv",
            "eval/lookalikes.tsv",
            "eval/filler.tsv")) {
      read(file).forEach(f -> items.add(new Item(f[0], f[1], f[2])));
    }
    List<Question> questions =
        read("eval/questions.tsv").stream()
            .map(f -> new Question(f[0], Set.of(f[1].split(",")), f[2]))
            .toList();
    System.out.printf(
        Locale.ROOT,
        "%d memories, %d questions (%d paraphrase, %d keyword)%n%n",
        items.size(),
        questions.size(),
        questions.stream().filter(q -> q.kind().equals("paraphrase")).count(),
        questions.stream().filter(q -> q.kind().equals("keyword")).count());
    Path dir = Files.createTempDirectory("memkit-eval-");
    Path file = dir.resolve("eval.db");
    Map<Long, String> labels = new HashMap<>();
    try (Memkit memkit = open(file, 0.3)) {
      MemoryUseCase memories = memkit.space().memories();
      for (Item item : items) {
        long id =
            memories
                .add(
                    AddMemory.of(item.text())
                        .withMetadata(
                            JsonValue.objectBuilder().put("speaker", item.speaker()).build()))
                .memory()
                .id()
                .value();
        labels.put(id, item.label());
      }
      memkit.reindex(false, (done, total) -> {});
    }
    System.out.println(
        "| search | weight | recall@5 all | recall@10 all | recall@5 paraphrase | recall@10 paraphrase"
            + " | recall@5 keyword | recall@10 keyword |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    try (Memkit memkit = open(file, 0.3)) {
      memkit.awaitSearchReady(Duration.ofMinutes(2));
      row("keyword", "-", score(memkit, questions, labels, Optional.of(SearchMode.KEYWORD)));
      row(
          "semantic (int8)",
          "-",
          score(memkit, questions, labels, Optional.of(SearchMode.SEMANTIC)));
    }
    for (int w = 0; w <= 10; w++) {
      double weight = w / 10.0;
      try (Memkit memkit = open(file, weight)) {
        memkit.awaitSearchReady(Duration.ofMinutes(2));
        row(
            "hybrid",
            String.format(Locale.ROOT, "%.1f", weight),
            score(memkit, questions, labels, Optional.of(SearchMode.HYBRID)));
      }
    }
    Embedder embedder =
        ServiceLoader.load(EmbedderProvider.class).findFirst().orElseThrow().load(Map.of());
    row("semantic (exact float)", "-", exact(embedder, items, questions, true));
    row("semantic, no speaker", "-", exact(embedder, items, questions, false));
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Memkit open(Path file, double weight) {
    return Memkit.open(
        "sqlite:" + file,
        MemkitOptions.defaults()
            .withEnvironment(
                Map.of(
                    "MEMKIT_EMBEDDER",
                    "all-minilm-l6-v2-q",
                    "MEMKIT_SEARCH_SEMANTIC_WEIGHT",
                    Double.toString(weight))));
  }

  /** Recall per kind ("all", "paraphrase", "keyword") and k. */
  private static Map<String, double[]> score(
      Memkit memkit,
      List<Question> questions,
      Map<Long, String> labels,
      Optional<SearchMode> mode) {
    MemoryUseCase memories = memkit.space().memories();
    Map<Question, List<String>> out = new LinkedHashMap<>();
    for (Question q : questions) {
      List<String> hits =
          memories.search(new SearchMemories(q.text(), MemoryFilter.ALL, 10, mode)).stream()
              .map(h -> labels.get(h.memory().id().value()))
              .toList();
      out.put(q, hits);
    }
    return recall(out);
  }

  private static Map<String, double[]> exact(
      Embedder embedder, List<Item> items, List<Question> questions, boolean speaker) {
    List<float[]> vectors =
        embedder.embedAll(
            items.stream().map(i -> speaker ? i.speaker() + ": " + i.text() : i.text()).toList());
    Map<Question, List<String>> out = new LinkedHashMap<>();
    for (Question q : questions) {
      float[] v = embedder.embed(q.text());
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        order.add(i);
      }
      order.sort(
          Comparator.comparingDouble((Integer i) -> VectorIndex.cosine(v, vectors.get(i)))
              .reversed());
      out.put(q, order.subList(0, 10).stream().map(i -> items.get(i).label()).toList());
    }
    return recall(out);
  }

  private static Map<String, double[]> recall(Map<Question, List<String>> ranked) {
    Map<String, double[]> hits = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Map.Entry<Question, List<String>> e : ranked.entrySet()) {
      for (String kind : List.of("all", e.getKey().kind())) {
        double[] h = hits.computeIfAbsent(kind, k -> new double[KS.length]);
        counts.merge(kind, 1, Integer::sum);
        for (int i = 0; i < KS.length; i++) {
          List<String> top = e.getValue().subList(0, Math.min(KS[i], e.getValue().size()));
          if (top.stream().anyMatch(e.getKey().answers()::contains)) {
            h[i]++;
          }
        }
      }
    }
    hits.forEach(
        (kind, h) -> {
          for (int i = 0; i < h.length; i++) {
            h[i] /= counts.get(kind);
          }
        });
    return hits;
  }

  private static void row(String search, String weight, Map<String, double[]> r) {
    StringBuilder line = new StringBuilder("| " + search + " | " + weight + " |");
    for (String kind : List.of("all", "paraphrase", "keyword")) {
      double[] h = r.getOrDefault(kind, new double[KS.length]);
      for (double v : h) {
        line.append(String.format(Locale.ROOT, " %.3f |", v));
      }
    }
    System.out.println(line.toString().replace("| all", "|"));
  }

  private static List<String[]> read(String resource) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = RetrievalEval.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
