-- Memories' embeddings for hybrid search: one per memory, float32 little-endian bytes, removed with
-- their memory. memkit scores them in memory (int8, exact cosine); the table only keeps them across
-- restarts, so no vector extension is needed.
CREATE TABLE memory_vectors (
  memory_id bigint  PRIMARY KEY REFERENCES memories (id) ON DELETE CASCADE,
  model     text    NOT NULL,
  text_hash integer NOT NULL,
  vector    bytea   NOT NULL
);
CREATE INDEX memory_vectors_by_model ON memory_vectors (model, memory_id);
