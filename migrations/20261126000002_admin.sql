-- Domain management at scale: the Employee Accounts list of a domain with
-- 10,000 accounts, ordered by display name then address (bench/employees.sh
-- measures it). Portable: plain B-tree indexes, valid on both engines.

-- A page, a search and the total are read from this index alone: it holds
-- every column they filter, sort or return first (a search's LIKE on name
-- and address scans only the domain's index entries, never the table), and
-- the page's 50 ids then fetch their rows by primary key.
CREATE INDEX mail_accounts_domain_list
    ON mail_accounts (domain_id, display_name, address, id);

-- The same for the department filter.
CREATE INDEX mail_accounts_department_list
    ON mail_accounts (domain_id, department_id, display_name, address, id);

-- A prefix of mail_accounts_domain_list, so it only cost writes.
DROP INDEX mail_accounts_domain_name;
