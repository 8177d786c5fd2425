-- What keeps a domain's SMS from being pumped: the country calling codes
-- its SMS may go to (digits, comma-separated; +86 by default) and how many
-- SMS codes it sends in a day at most (its postmaster sees and sets both).
ALTER TABLE domains ADD COLUMN sms_calling_codes TEXT NOT NULL DEFAULT '86';
ALTER TABLE domains ADD COLUMN sms_daily_ceiling BIGINT NOT NULL DEFAULT 200;
