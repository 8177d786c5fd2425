-- Forgot Password (scenario 2) and the SMS queue. Same conventions as the
-- identity core: text ids, BIGINT unix milliseconds, BIGINT 0/1 flags.

-- Every SMS, queued in the same transaction as the change it reports and
-- delivered by a worker off the request path (any instance may deliver).
CREATE TABLE sms_messages (
    id              TEXT PRIMARY KEY,
    to_number       TEXT NOT NULL,            -- E.164
    text            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued', -- 'queued' | 'sent' | 'failed'
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX sms_messages_due ON sms_messages (status, next_attempt_at);
CREATE INDEX sms_messages_created ON sms_messages (created_at);

-- One Forgot Password attempt. The browser holds a random token in a
-- cookie; only its hash is stored. `step` says which form the flow accepts
-- next, and every step moves it on with a compare-and-swap on `step`, so a
-- step can neither be skipped nor replayed.
CREATE TABLE recovery_flows (
    id              TEXT PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    step            TEXT NOT NULL,   -- 'start' | 'choose' | 'sms' | 'questions' | 'granted' | 'done'
    address         TEXT,            -- as submitted, existing or not
    account_id      TEXT,            -- NULL: unknown, or no usable method
    client_addr     TEXT NOT NULL,
    code_hash       TEXT,            -- argon2id of the SMS code
    code_expires_at BIGINT,
    code_attempts   BIGINT NOT NULL DEFAULT 0,
    method          TEXT,            -- 'sms' | 'questions', once chosen
    grant_hash      TEXT UNIQUE,     -- sha256 of the reset grant
    grant_expires_at BIGINT,
    grant_used_at   BIGINT
);
CREATE INDEX recovery_flows_expires ON recovery_flows (expires_at);

-- Image verification codes: single use, 5 minutes, bound to one flow.
CREATE TABLE captchas (
    id          TEXT PRIMARY KEY,
    flow_id     TEXT NOT NULL,
    answer_hash TEXT NOT NULL,
    -- Only in demo mode, for GET /dev/captcha/<id>; NULL otherwise.
    dev_answer  TEXT,
    image_png   TEXT NOT NULL,       -- base64
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX captchas_flow ON captchas (flow_id);
CREATE INDEX captchas_expires ON captchas (expires_at);
