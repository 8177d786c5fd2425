-- Recovery methods that stay true (docs/product.md, "Recovery lifecycle"):
-- the domain's settings for setup at logon, reconfirmation and a changed
-- phone's cooldown; per account, the skips used, when the methods were
-- last confirmed, when the phone was replaced, and a report's lockdown;
-- and the "This wasn't me" links the notices carry (only their hashes).
ALTER TABLE domains ADD COLUMN recovery_setup_required BIGINT NOT NULL DEFAULT 0;
ALTER TABLE domains ADD COLUMN reconfirm_days BIGINT NOT NULL DEFAULT 180;
ALTER TABLE domains ADD COLUMN phone_cooldown_hours BIGINT NOT NULL DEFAULT 72;

ALTER TABLE mail_accounts ADD COLUMN recovery_skips BIGINT NOT NULL DEFAULT 0;
-- When the holder last set or confirmed a recovery method (NULL: when the
-- phone was bound or the questions set, whichever is later).
ALTER TABLE mail_accounts ADD COLUMN recovery_confirmed_at BIGINT;
-- When a bound phone was replaced by another (not a first binding).
ALTER TABLE mail_accounts ADD COLUMN phone_changed_at BIGINT;
-- Set by "This wasn't me"; cleared by a Reset Password of the postmaster
-- (or, for a postmaster, of the console owner). Logons and Forgot
-- Password stay suspended until lockdown_until.
ALTER TABLE mail_accounts ADD COLUMN reported_at BIGINT;
ALTER TABLE mail_accounts ADD COLUMN lockdown_until BIGINT;

CREATE TABLE report_links (
    -- SHA-256 of the token the SMS carries.
    token_hash  TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
    -- What it reports (proto::report::Reportable) and when it happened.
    what        TEXT NOT NULL,
    happened_at BIGINT NOT NULL,
    -- For a phone change: the new number (E.164), removed if reported
    -- while it is still the bound one.
    phone       TEXT,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX report_links_account ON report_links (account_id);
CREATE INDEX report_links_expiry ON report_links (expires_at);
