-- Strategy Desk store, version 5: the Graph change-notification subscription on the shared
-- calendar (one per watched resource) and the secret (client_state) every notification must carry.
-- Independent of version 4. The secret is never logged or audited.
create table calendar_subscriptions (
  resource text primary key,
  subscription_id text not null,
  notification_url text not null,
  client_state text not null,
  expires_at timestamptz not null,
  updated_at timestamptz not null
);
