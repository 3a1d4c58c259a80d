-- Strategy Desk store: where a discussion is held (issue 9). In Teams meeting mode
-- (CONFERENCE_MODE=teams) the calendar creates each booking's event as a Teams meeting; the
-- booking keeps the meeting's join URL, from which the meeting's chat is found (the bot installs
-- itself there and posts the agenda before the slot). Null on the conference line.
alter table bookings add column join_url text;
