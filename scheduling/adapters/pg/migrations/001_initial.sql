-- Strategy Desk store, version 1. One dialect (PostgreSQL) for PGlite and a PostgreSQL server.

-- A manager's request for a strategy discussion. child_surnames is the only field that names a
-- child: it is never copied into the audit log or any log line.
create table requests (
  id text primary key,
  idempotency_key text not null unique,
  route text not null check (route in ('urgent', 'rota')),
  n_numbers jsonb not null,
  child_surnames text not null,
  manager_name text not null,
  manager_role text not null check (manager_role in ('TM', 'PM')),
  manager_phone text not null,
  manager_email text,
  referred_at timestamptz not null,
  urgent jsonb not null default '[]',
  longer_slot boolean not null,
  reason text,
  invitees jsonb not null default '[]',
  requested_by_id text not null,
  requested_by_name text not null,
  created_at timestamptz not null,
  urgent_sent_at timestamptz,
  police_contact_at timestamptz
);
create index requests_requested_by on requests (requested_by_id, created_at);
create index requests_urgent_unsent on requests (created_at) where route = 'urgent' and urgent_sent_at is null;

create table bookings (
  id text primary key,
  request_id text not null references requests (id),
  calendar_id text not null,
  status text not null check (status in ('reserved', 'booked', 'cancelled')),
  start_at timestamptz not null,
  end_at timestamptz not null check (end_at > start_at),
  transaction_id text not null unique,
  event_id text,
  replaces text references bookings (id),
  cancel_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- A request holds at most one live slot: a double-click that races past the idempotency check
-- cannot take a second one.
create unique index bookings_one_live_per_request on bookings (request_id) where status <> 'cancelled';
create index bookings_calendar_start on bookings (calendar_id, start_at);
create index bookings_reserved on bookings (created_at) where status = 'reserved';

-- No double booking, at the database level: every diary cell (15 minutes) of a calendar held by a
-- live booking is one row under this primary key. Cancelling deletes the booking's cells.
create table slot_cells (
  calendar_id text not null,
  cell_start timestamptz not null,
  cell_end timestamptz not null check (cell_end > cell_start),
  booking_id text not null references bookings (id),
  primary key (calendar_id, cell_start)
);
create index slot_cells_booking on slot_cells (booking_id);

create table audit_log (
  seq bigserial primary key,
  at timestamptz not null,
  actor_id text not null,
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb
);
create index audit_log_entity on audit_log (entity_id, seq);

-- Keys of emails already sent (or being sent): an email goes once, whatever retries happen.
-- A claim whose sender died before sent_at was set can be taken again after a lease.
create table mail_keys (
  key text primary key,
  claimed_at timestamptz not null,
  sent_at timestamptz
);

-- The local calendar (CALENDAR_BACKEND=local): the shared Strategy Meeting calendar kept in the store.
create table local_calendar_events (
  id text primary key,
  calendar_id text not null,
  subject text not null,
  body text not null default '',
  location text not null default '',
  start_at timestamptz not null,
  end_at timestamptz not null check (end_at > start_at),
  show_as text not null default 'busy' check (show_as in ('free', 'tentative', 'busy', 'oof', 'workingElsewhere')),
  booking_id text,
  transaction_id text,
  cancelled boolean not null default false,
  attendees jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create unique index local_calendar_events_transaction on local_calendar_events (calendar_id, transaction_id);
create index local_calendar_events_start on local_calendar_events (calendar_id, start_at);

-- The local mailer's outbox (CALENDAR_BACKEND=local): what would have been emailed.
create table local_outbox (
  seq bigserial primary key,
  sent_at timestamptz not null default now(),
  to_addresses jsonb not null,
  cc_addresses jsonb not null default '[]',
  subject text not null,
  body text not null
);

-- Teams conversation references, for messages the bot sends later (reminders, escalations).
create table conversation_refs (
  user_id text not null,
  conversation_id text not null,
  reference jsonb not null,
  updated_at timestamptz not null,
  primary key (user_id, conversation_id)
);
