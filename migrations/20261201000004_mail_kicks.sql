-- Requests to the mail server (Dovecot's doveadm HTTP API, `kick`) to
-- drop a mailbox's open sessions: queued in the transaction of the password
-- reset or disable that causes them, sent by a worker of any instance and
-- retried with backoff. Status 'queued' | 'sent' | 'failed'; times are
-- BIGINT unix milliseconds, as elsewhere.
CREATE TABLE mail_kicks (
    id              TEXT PRIMARY KEY,
    address         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued',
    attempts        BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX mail_kicks_due ON mail_kicks (status, next_attempt_at);
