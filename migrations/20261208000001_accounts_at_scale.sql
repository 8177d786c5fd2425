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

-- What the search matches: the display name in lower case, a line break
-- (which no search box can send), and the address; written with the name
-- and the address. (Here SQLite's LOWER folds ASCII only; the service
-- folds all of Unicode from now on.)
ALTER TABLE mail_accounts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE mail_accounts SET search_text = LOWER(display_name) || '
' || address;

-- One index an order, each holding every column the filters and the
-- search read, after the order's own: a page reads its index from the
-- cursor on and stops after 51 matches, and a total reads one index, never
-- the table.
DROP INDEX mail_accounts_domain_list;
DROP INDEX mail_accounts_department_list;
CREATE INDEX mail_accounts_domain_list
    ON mail_accounts (domain_id, display_name, address, id, status, must_change_password,
                      has_questions, phone, department_id, search_text);
CREATE INDEX mail_accounts_department_list
    ON mail_accounts (domain_id, department_id, display_name, address, id, status,
                      must_change_password, has_questions, phone, search_text);
CREATE INDEX mail_accounts_domain_address
    ON mail_accounts (domain_id, address, id, status, must_change_password, has_questions,
                      phone, department_id, search_text);
-- Last logon: newest first, never last (as 0), then by address (the
-- column itself too, or PostgreSQL reads the table to compute the order).
CREATE INDEX mail_accounts_domain_last_logon
    ON mail_accounts (domain_id, (COALESCE(last_logon_at, 0)) DESC, address, id, status,
                      must_change_password, has_questions, phone, department_id, search_text,
                      last_logon_at);

-- "Locked": the few counters holding a lock now, and the few reported
-- accounts, found without reading every account.
CREATE INDEX counters_locked ON counters (locked_until) WHERE locked_until IS NOT NULL;
CREATE INDEX mail_accounts_lockdown ON mail_accounts (lockdown_until)
    WHERE lockdown_until IS NOT NULL;

-- "Disabled" and "Must change password" select a few accounts of many:
-- these hold just those, in name order, so their totals and pages read
-- only them.
CREATE INDEX mail_accounts_disabled
    ON mail_accounts (domain_id, display_name, address, id) WHERE status = 'disabled';
CREATE INDEX mail_accounts_must_change
    ON mail_accounts (domain_id, display_name, address, id) WHERE must_change_password = 1;
