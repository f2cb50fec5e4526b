/**
 * JMH benchmarks of memkit: {@code data} generates the text every benchmark uses, each store has a
 * package of its own ({@code sqlite}, …). Build with {@code ./mvnw -pl memory-bench package}, run
 * with {@code java -jar memory-bench/target/benchmarks.jar}.
 */
package dev.memkit.bench;
