-- Binding a secure mobile phone in security settings: the number waiting
-- for its SMS code. One pending number per account; sending a new code
-- replaces it. Same conventions as the identity core: text ids, BIGINT
-- unix milliseconds.
CREATE TABLE phone_bindings (
    account_id  TEXT PRIMARY KEY REFERENCES mail_accounts (id),
    phone       TEXT NOT NULL,            -- E.164, not yet verified
    code_hash   TEXT NOT NULL,            -- argon2id of the 6-digit code
    expires_at  BIGINT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
CREATE INDEX phone_bindings_expires ON phone_bindings (expires_at);
