-- Strategy Desk store, version 2: where cards about a request are posted.
-- Who may act on a request (scheduling/rules/mayActOnCase.ts): its requester, and the members of a
-- group chat or channel where a card about it was posted. Later features update these cards, so
-- each row keeps the posted activity's id. No names here: ids and the conversation type only.
create table card_postings (
  seq bigserial,
  request_id text not null references requests (id),
  conversation_id text not null,
  -- The conversation without a channel thread's ";messageid=..." (all threads share the members).
  conversation_key text not null,
  conversation_type text not null,
  activity_id text not null,
  posted_at timestamptz not null,
  primary key (request_id, conversation_id, activity_id)
);
create index card_postings_conversation on card_postings (conversation_key, request_id);
