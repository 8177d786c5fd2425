-- The identity core. One portable set for SQLite and PostgreSQL: text ids
-- (random UUIDs, never sequences, since they appear in URLs), BIGINT unix
-- milliseconds for times, BIGINT 0/1 for flags.

CREATE TABLE cloud_accounts (
    id                  TEXT PRIMARY KEY,
    login_name          TEXT NOT NULL UNIQUE,
    password_hash       TEXT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    created_at          BIGINT NOT NULL
);

CREATE TABLE domains (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    owner_id        TEXT NOT NULL REFERENCES cloud_accounts (id),
    -- Weak-password keywords as the postmaster wrote them, one per line.
    weak_keywords   TEXT NOT NULL DEFAULT '',
    allow_sms       BIGINT NOT NULL DEFAULT 1,
    allow_questions BIGINT NOT NULL DEFAULT 1,
    status          TEXT NOT NULL DEFAULT 'active',
    created_at      BIGINT NOT NULL
);
CREATE INDEX domains_owner ON domains (owner_id);

CREATE TABLE departments (
    id         TEXT PRIMARY KEY,
    domain_id  TEXT NOT NULL REFERENCES domains (id),
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (domain_id, name)
);

CREATE TABLE mail_accounts (
    id                   TEXT PRIMARY KEY,
    domain_id            TEXT NOT NULL REFERENCES domains (id),
    address              TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    department_id        TEXT REFERENCES departments (id),
    role                 TEXT NOT NULL,            -- 'employee' | 'postmaster'
    status               TEXT NOT NULL DEFAULT 'enabled', -- 'enabled' | 'disabled'
    password_hash        TEXT NOT NULL,
    password_changed_at  BIGINT NOT NULL,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    phone                TEXT,                     -- E.164
    phone_verified_at    BIGINT,
    last_logon_at        BIGINT,
    created_at           BIGINT NOT NULL
);
CREATE INDEX mail_accounts_domain_name ON mail_accounts (domain_id, display_name);
CREATE INDEX mail_accounts_department ON mail_accounts (department_id);

CREATE TABLE security_questions (
    account_id  TEXT NOT NULL REFERENCES mail_accounts (id),
    position    BIGINT NOT NULL,
    question    TEXT NOT NULL,
    answer_hash TEXT NOT NULL,
    PRIMARY KEY (account_id, position)
);

-- Sessions of both kinds of subject; only a hash of the id is stored.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,   -- 'mail' | 'console'
    subject_id   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX sessions_subject ON sessions (subject_kind, subject_id);

CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    domain_id   TEXT,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT,
    client_addr TEXT,
    detail      TEXT
);
CREATE INDEX audit_events_domain_at ON audit_events (domain_id, at);

-- Every rate limit, attempt counter and lockout, keyed by what it limits
-- (e.g. 'logon:addr:<address>'), so all app instances share them.
CREATE TABLE counters (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    locked_until BIGINT
);

-- Notices shown on an employee's mailbox home page.
CREATE TABLE notices (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES mail_accounts (id),
    text       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX notices_account ON notices (account_id, created_at);
