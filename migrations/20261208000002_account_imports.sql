-- Import accounts (docs/product.md, "Import accounts"): a CSV file read
-- and checked is kept here between its preview and the "Import" that
-- writes it, so that a balancer may send the two requests to different
-- instances. The rows are JSON; an import is done once.
CREATE TABLE account_imports (
    id            TEXT PRIMARY KEY,
    domain_id     TEXT NOT NULL REFERENCES domains (id),
    postmaster_id TEXT NOT NULL,
    start_mode    TEXT NOT NULL,          -- 'random' | 'disabled'
    rows          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    imported      BIGINT                  -- accounts written, once done
);
CREATE INDEX account_imports_created ON account_imports (created_at);
