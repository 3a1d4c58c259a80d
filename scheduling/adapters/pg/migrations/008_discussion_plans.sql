-- Strategy Desk store, version 8: the discussion plans (issue 9), one per request, and each plan's
-- change history. The plan itself is one JSONB document (children's names, addresses and dates of
-- birth live there and nowhere else: never in the history or the audit log); version and state are
-- columns so a save is a compare-and-set on the version. Independent of versions 4 to 7.
create table discussion_plans (
  id text primary key,
  request_id text not null unique references requests (id),
  -- Copied from the request for `record --case <N number>`: N numbers are not names.
  n_numbers jsonb not null,
  version integer not null check (version >= 1),
  state text not null check (state in ('open', 'final')),
  document jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index discussion_plans_n_numbers on discussion_plans using gin (n_numbers);

-- What each change did, ids only: the version it made, its verb, the entries it touched or made
-- (`action:<id>`, `decision:s47`, ...). A stale change is merged unless it touches an entry a
-- later change touched.
create table discussion_plan_changes (
  discussion_id text not null references discussion_plans (id),
  version integer not null,
  verb text not null,
  targets jsonb not null default '[]',
  actor_id text not null,
  at timestamptz not null,
  primary key (discussion_id, version)
);

-- A card posted about a request may be its discussion's plan: the members of a shared
-- conversation holding one are participants of the discussion.
alter table card_postings drop constraint if exists card_postings_card_check;
alter table card_postings add constraint card_postings_card_check check (card in ('case', 'agenda', 'plan'));
