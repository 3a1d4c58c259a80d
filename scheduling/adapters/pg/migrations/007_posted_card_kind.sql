-- Strategy Desk store, version 4: what each posted card shows, and where each conversation is.
-- A card about a request is updated in place when the request changes (issue 8, item 2), so each
-- posting says which card stands there: the case's own card ('case') or its agenda ('agenda').
alter table card_postings add column card text not null default 'case' check (card in ('case', 'agenda'));
-- Cards are updated through the newest conversation reference of the conversation they stand in.
create index conversation_refs_conversation on conversation_refs (conversation_id, updated_at desc);
