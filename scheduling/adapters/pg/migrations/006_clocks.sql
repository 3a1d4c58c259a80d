-- Strategy Desk store, version 6: the clocks the product keeps (DOMAIN.md "Clocks the product
-- keeps") and the urgent route's escalation. Independent of versions 4 and 5.

-- The urgent escalation: when police had not called in time (the manager was shown the first
-- escalation level), and the level shown now (each "could not reach" moves it on).
alter table requests add column escalated_at timestamptz;
alter table requests add column escalation_level integer;

-- One row per running or stopped clock of a request: ids and instants only, never a name.
-- subject tells clocks of one kind apart (an action's id); '' when the kind has one per request.
create table statutory_clocks (
  request_id text not null references requests (id),
  kind text not null check (kind in ('minutes', 's47-outcome', 'conference', 's47-enquiry', 'action')),
  subject text not null default '',
  -- Who is reminded: a Teams user id (the requester, or an action's owner).
  owner_id text not null,
  started_at timestamptz not null,
  due_at timestamptz not null,
  state text not null check (state in ('running', 'stopped')),
  stopped_at timestamptz,
  reminded_at timestamptz,
  overdue_at timestamptz,
  primary key (request_id, kind, subject)
);
create index statutory_clocks_owner_due on statutory_clocks (owner_id, due_at) where state = 'running';
