-- Strategy Desk store, version 4: what the desk last saw of each booking's event in the shared
-- calendar - every attendee (the police referral unit, a DS the invite was forwarded to, the
-- manager, the professionals), their reply and its time - so each new reply is told once; and the
-- manager's choice to keep a slot the police declined (kept_at: stop asking).
-- Attendee addresses and names are professionals', never a child's.
create table booking_replies (
  booking_id text primary key references bookings (id),
  attendees jsonb not null default '[]',
  seen_at timestamptz not null,
  kept_at timestamptz
);
