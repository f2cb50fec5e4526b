-- memkit SQLite schema, version 2: the embeddings of memories, for semantic and hybrid search.
-- One vector per memory: the model that made it, a hash of the exact text embedded (a vector of
-- an older text is stale) and the numbers as little-endian float32. A vector goes with its memory.

CREATE TABLE memory_vectors (
  memory_id INTEGER PRIMARY KEY,
  model     TEXT    NOT NULL,
  text_hash INTEGER NOT NULL,
  vector    BLOB    NOT NULL
);
CREATE TRIGGER memory_vectors_delete AFTER DELETE ON memories BEGIN
  DELETE FROM memory_vectors WHERE memory_id = old.id;
END;
