-- An SMS that carries a verification code is worth nothing once the code
-- has expired: it keeps the code's expiry (BIGINT unix milliseconds, as
-- elsewhere; NULL for notices, which never expire), and the worker drops
-- it unsent, as status 'expired' with its text blanked, once that time has
-- passed. Statuses are now 'queued' | 'sent' | 'failed' | 'expired'.
ALTER TABLE sms_messages ADD COLUMN expires_at BIGINT;
