-- memkit SQLite schema, version 1.
-- Times are ISO-8601 UTC text; where a time is filtered on, its epoch seconds and nanoseconds
-- are kept beside it so range checks are exact and use integers.

CREATE TABLE sequences (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO sequences (name, value) VALUES ('memory', 0), ('goal', 0);

CREATE TABLE state (
  namespace  TEXT    NOT NULL,
  key        TEXT    NOT NULL,
  value      TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  updated_at TEXT    NOT NULL,
  PRIMARY KEY (namespace, key)
) WITHOUT ROWID;

CREATE TABLE memories (
  id          INTEGER PRIMARY KEY,
  namespace   TEXT    NOT NULL,
  text        TEXT    NOT NULL,
  tags        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  occurred_at TEXT,
  client_key  TEXT,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  effective_s INTEGER NOT NULL,
  effective_n INTEGER NOT NULL
);
CREATE INDEX memories_by_namespace ON memories (namespace, id);
CREATE INDEX memories_by_key ON memories (namespace, client_key) WHERE client_key IS NOT NULL;

CREATE TABLE memory_tags (
  memory_id INTEGER NOT NULL,
  tag       TEXT    NOT NULL,
  PRIMARY KEY (memory_id, tag)
) WITHOUT ROWID;
CREATE INDEX memory_tags_by_tag ON memory_tags (tag, memory_id);

CREATE VIRTUAL TABLE memories_fts USING fts5(
  text, tags,
  content = 'memories', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
  INSERT INTO memories_fts (rowid, text, tags) VALUES (new.id, new.text, new.tags);
END;
CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
  INSERT INTO memories_fts (memories_fts, rowid, text, tags) VALUES ('delete', old.id, old.text, old.tags);
END;
CREATE TRIGGER memories_fts_update AFTER UPDATE OF text, tags ON memories BEGIN
  INSERT INTO memories_fts (memories_fts, rowid, text, tags) VALUES ('delete', old.id, old.text, old.tags);
  INSERT INTO memories_fts (rowid, text, tags) VALUES (new.id, new.text, new.tags);
END;

CREATE TABLE goals (
  id         INTEGER PRIMARY KEY,
  namespace  TEXT    NOT NULL,
  title      TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  due_at     TEXT,
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);
CREATE INDEX goals_by_namespace ON goals (namespace, id);

CREATE TABLE goal_progress (
  goal_id     INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  at          TEXT    NOT NULL,
  from_status TEXT    NOT NULL,
  to_status   TEXT    NOT NULL,
  note        TEXT,
  PRIMARY KEY (goal_id, position)
) WITHOUT ROWID;

CREATE TABLE audit (
  sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT    NOT NULL,
  at_s      INTEGER NOT NULL,
  at_n      INTEGER NOT NULL,
  namespace TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  target    TEXT    NOT NULL,
  before    TEXT,
  after     TEXT,
  diff      TEXT    NOT NULL
);
CREATE INDEX audit_by_namespace ON audit (namespace, sequence);
