-- Password policy v2 (docs/policy.md): each domain chooses a preset and how
-- many previous passwords its accounts may not reuse; the hashes of those
-- previous passwords are kept here, only as many as the setting needs.
ALTER TABLE domains ADD COLUMN policy_preset TEXT NOT NULL DEFAULT 'standard';
ALTER TABLE domains ADD COLUMN password_history BIGINT NOT NULL DEFAULT 5;

CREATE TABLE previous_passwords (
    account_id    TEXT NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
    -- 1, 2, 3… per account, newest highest (several changes may share a
    -- second). Not unique: two changes racing may share one, which only
    -- makes their order a tie.
    seq           BIGINT NOT NULL,
    password_hash TEXT NOT NULL,
    replaced_at   BIGINT NOT NULL
);
CREATE INDEX previous_passwords_account ON previous_passwords (account_id, seq);
