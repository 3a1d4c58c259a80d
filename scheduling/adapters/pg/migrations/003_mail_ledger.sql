-- Strategy Desk store, version 3: the mail ledger tells a mail that certainly failed (key given
-- back) from one that may have gone (maybe_sent_at: look in sent mail before sending again) and
-- one nobody could check (needs_checking_at: held for a person). Independent of version 2.
alter table mail_keys add column maybe_sent_at timestamptz;
alter table mail_keys add column needs_checking_at timestamptz;
create index mail_keys_needs_checking on mail_keys (needs_checking_at) where needs_checking_at is not null and sent_at is null;

-- The local mailer marks each message with its mail key, as GraphMailer does in Sent Items.
alter table local_outbox add column mail_key text;
create index local_outbox_mail_key on local_outbox (mail_key);
