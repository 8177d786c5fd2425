-- The lockout knows where a logon comes from (docs/product.md, "Logon
-- lockout"): a browser that logged on before carries a device cookie, and
-- a mail client's address that logged on before is familiar; everyone
-- else is a stranger. Times are BIGINT unix milliseconds, as elsewhere.

-- Familiar browsers: the cookie carries 256 random bits; only their SHA-256
-- is kept. `id` names the device's own failure counter (not a secret).
CREATE TABLE known_devices (
    token_hash   TEXT PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX known_devices_subject ON known_devices (subject_kind, subject_id);

-- Client addresses (their limit key) that logged a mailbox on to the mail
-- server successfully.
CREATE TABLE familiar_addresses (
    account_id      TEXT NOT NULL,
    address         TEXT NOT NULL,
    last_success_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, address)
);

-- The current and the last few previous passwords of an account, as a
-- 12-bit keyed fingerprint (the mail server's `hashed_password`) and, once
-- replaced, the argon2id hash it had (to confirm a previous password the
-- app sees). `replaced_at` NULL: the current one. `stale_noticed_at`: the
-- holder was told that a mail app still uses it.
CREATE TABLE password_history (
    id               TEXT PRIMARY KEY,
    subject_kind     TEXT NOT NULL,
    subject_id       TEXT NOT NULL,
    fingerprint      BIGINT NOT NULL,
    password_hash    TEXT,
    set_at           BIGINT NOT NULL,
    replaced_at      BIGINT,
    stale_noticed_at BIGINT
);
CREATE INDEX password_history_subject ON password_history (subject_kind, subject_id);

-- The fingerprints of the last wrong passwords each failure counter
-- counted: the same wrong password again costs nothing.
CREATE TABLE failed_fingerprints (
    counter_key TEXT NOT NULL,
    fingerprint BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (counter_key, fingerprint)
);

-- Secrets the installation makes for itself when no setting provides
-- them ('fingerprint_key').
CREATE TABLE installation_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- What a notice is about beyond its kind (the client of a stale password).
ALTER TABLE notices ADD COLUMN detail TEXT;
