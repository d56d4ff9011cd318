-- Call history: one row per call (from the second peer's join to the first peer's leaving for good).
-- Times are UTC. Portable across H2, PostgreSQL and HSQLDB.
CREATE TABLE call_record (
    id            VARCHAR(36)  NOT NULL,
    room          VARCHAR(64)  NOT NULL,
    started_at    TIMESTAMP    NOT NULL,
    ended_at      TIMESTAMP,
    last_seen_at  TIMESTAMP,
    duration_ms   BIGINT,
    first_name    VARCHAR(256),
    second_name   VARCHAR(256),
    first_path    VARCHAR(16),
    second_path   VARCHAR(16),
    end_reason    VARCHAR(32),
    PRIMARY KEY (id)
);
CREATE INDEX call_record_started_at ON call_record (started_at);
CREATE INDEX call_record_room ON call_record (room);
