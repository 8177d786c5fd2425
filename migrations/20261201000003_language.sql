-- The language a mail account last used on the web ('en' | 'zh-CN'; NULL
-- until then, read as English): the reset notices its secure phone is sent
-- are written in it. Set at logon, on each signed-in page and when a
-- Forgot Password reset finishes.
ALTER TABLE mail_accounts ADD COLUMN language TEXT;

-- What a home-page notice is about ('recovered' | 'reset_by_admin'), so it
-- is worded in the reader's language; `text` keeps the English sentence
-- (older rows have only that).
ALTER TABLE notices ADD COLUMN kind TEXT;
