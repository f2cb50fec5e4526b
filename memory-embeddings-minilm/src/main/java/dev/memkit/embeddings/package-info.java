/**
 * The all-MiniLM-L6-v2 sentence-embedding model, int8-quantized, run in-process by ONNX Runtime:
 * found by the core through {@link java.util.ServiceLoader} as {@code all-minilm-l6-v2-q}.
 */
package dev.memkit.embeddings;
