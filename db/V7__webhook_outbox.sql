-- Webhooks (issue 18): one row per event and receiver URL, written off the signaling path and
-- delivered at least once. id and event_id are UUID strings the application derives from the event
-- (a cluster's nodes that both record a call's start write the same id: the first row stays).
-- Times are epoch millis. seq orders rows as they were recorded. delivery_state is 'pending',
-- 'delivered' or 'given-up'; finished rows are kept a day (so a late copy of an event is still
-- recognised) and the table is capped (duet.webhook.outbox.max). Portable across H2, PostgreSQL
-- and HSQLDB.
CREATE TABLE webhook_outbox (
    id              VARCHAR(36)    NOT NULL,
    event_id        VARCHAR(36)    NOT NULL,
    event_type      VARCHAR(32)    NOT NULL,
    url             VARCHAR(2048)  NOT NULL,
    body            VARCHAR(16000) NOT NULL,
    seq             BIGINT         NOT NULL,
    created_at      BIGINT         NOT NULL,
    next_attempt_at BIGINT         NOT NULL,
    attempts        INTEGER        NOT NULL,
    sender_node     VARCHAR(36)    NOT NULL,
    delivery_state  VARCHAR(16)    NOT NULL,
    finished_at     BIGINT,
    last_error      VARCHAR(255),
    PRIMARY KEY (id)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (delivery_state, next_attempt_at);
CREATE INDEX webhook_outbox_seq ON webhook_outbox (seq);
