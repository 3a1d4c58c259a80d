-- Strategy Desk store: the local outbox keeps each mail's attachments (issue 9: the discussion
-- record goes to every attending agency as a Word document). One JSON array per mail of
-- {name, contentType, contentBase64}, written in the same insert as the mail, so a mail is never
-- kept without its files. At most 3 MB of files a mail (the mailer refuses more, as Graph does).
alter table local_outbox add column attachments jsonb not null default '[]';
