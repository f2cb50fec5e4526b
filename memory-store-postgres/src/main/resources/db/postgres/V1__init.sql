-- memkit PostgreSQL schema, version 1. Run inside the configured schema (search_path), in one
-- transaction, under an advisory lock. ${language} is the configured snowball language, checked
-- against the server's dictionaries before this runs.
-- Times are ISO-8601 UTC text (exact to the nanosecond); where a time is filtered on, its epoch
-- seconds and nanoseconds are kept beside it. Names and keys sort by code point (COLLATE "C").

CREATE TEXT SEARCH DICTIONARY memkit_stem (TEMPLATE = pg_catalog.snowball, LANGUAGE = ${language});
CREATE TEXT SEARCH CONFIGURATION memkit_search (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION memkit_search ADD MAPPING FOR asciiword, word, numword, asciihword, hword,
  numhword, hword_asciipart, hword_part, hword_numpart WITH memkit_stem;
ALTER TEXT SEARCH CONFIGURATION memkit_search ADD MAPPING FOR int, uint, float, sfloat, version WITH simple;

-- OR of many tsquery values: the query "any of these terms", built without parsing any text.
CREATE AGGREGATE tsquery_any(tsquery) (SFUNC = pg_catalog.tsquery_or, STYPE = tsquery);

CREATE SEQUENCE memory_ids AS bigint;
CREATE SEQUENCE goal_ids AS bigint;

CREATE TABLE state (
  namespace  text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  value      text   NOT NULL,
  version    bigint NOT NULL,
  updated_at text   NOT NULL,
  PRIMARY KEY (namespace, key)
);

CREATE TABLE memories (
  id          bigint PRIMARY KEY,
  namespace   text COLLATE "C" NOT NULL,
  text        text    NOT NULL,
  tags        text    NOT NULL,
  kind        text    NOT NULL,
  metadata    text    NOT NULL,
  occurred_at text,
  client_key  text COLLATE "C",
  created_at  text    NOT NULL,
  updated_at  text    NOT NULL,
  effective_s bigint  NOT NULL,
  effective_n integer NOT NULL,
  tag_keys    text[]  NOT NULL,
  search_text text    NOT NULL,
  search      tsvector GENERATED ALWAYS AS (to_tsvector('memkit_search'::regconfig, search_text)) STORED
);
CREATE INDEX memories_by_namespace ON memories (namespace, id);
CREATE UNIQUE INDEX memories_by_key ON memories (namespace, client_key) WHERE client_key IS NOT NULL;
CREATE INDEX memories_by_tag ON memories USING gin (tag_keys);
CREATE INDEX memories_search ON memories USING gin (search);

CREATE TABLE goals (
  id         bigint PRIMARY KEY,
  namespace  text COLLATE "C" NOT NULL,
  title      text NOT NULL,
  status     text NOT NULL,
  due_at     text,
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX goals_by_namespace ON goals (namespace, id);

CREATE TABLE goal_progress (
  goal_id     bigint  NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  at          text    NOT NULL,
  from_status text    NOT NULL,
  to_status   text    NOT NULL,
  note        text,
  PRIMARY KEY (goal_id, position)
);

CREATE TABLE audit (
  sequence  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        text    NOT NULL,
  at_s      bigint  NOT NULL,
  at_n      integer NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  actor     text    NOT NULL,
  action    text    NOT NULL,
  target    text COLLATE "C" NOT NULL,
  before    text,
  after     text,
  diff      text    NOT NULL
);
CREATE INDEX audit_by_namespace ON audit (namespace, sequence);

-- Logical backups: the export document of every namespace, newest kept, rotated on each backup.
CREATE TABLE backups (
  id         text COLLATE "C" PRIMARY KEY,
  created_at text   NOT NULL,
  reason     text   NOT NULL,
  size_bytes bigint NOT NULL,
  document   text   NOT NULL
);
