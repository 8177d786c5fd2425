-- Employee Accounts at scale (docs/product.md, "Employee Accounts"): the
-- filters "Status" and "Recovery methods", three sort orders and keyset
-- pages, for a domain of 100,000 accounts on both engines. Portable:
-- plain and expression B-tree indexes and a partial index, which both
-- engines build and use the same way.

-- Whether the account has security questions, kept beside the phone so
-- the "Recovery methods" filter and the Overview's readiness read one row
-- (written with the questions, in the same transaction).
ALTER TABLE mail_accounts ADD COLUMN has_questions BIGINT NOT NULL DEFAULT 0;
UPDATE mail_accounts SET has_questions = 1
    WHERE id IN (SELECT account_id FROM security_questions);

-- Name order (the default): a page, a filter and the total are read from
-- this index alone; it holds every column they filter on.
DROP INDEX mail_accounts_domain_list;
CREATE INDEX mail_accounts_domain_list
    ON mail_accounts (domain_id, display_name, address, id, status,
                      must_change_password, has_questions, phone);

-- Address order.
CREATE INDEX mail_accounts_domain_address ON mail_accounts (domain_id, address);

-- Last logon order: newest first, never last (as 0), then by address.
CREATE INDEX mail_accounts_domain_last_logon
    ON mail_accounts (domain_id, (COALESCE(last_logon_at, 0)) DESC, address);

-- "Locked": the few counters holding a lock now, and the few reported
-- accounts, found without reading every account.
CREATE INDEX counters_locked ON counters (locked_until) WHERE locked_until IS NOT NULL;
CREATE INDEX mail_accounts_lockdown ON mail_accounts (lockdown_until)
    WHERE lockdown_until IS NOT NULL;
