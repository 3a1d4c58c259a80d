-- Strategy Desk store: who recorded that police made contact on an urgent request (issue 11: the
-- card says who, not only when). A professional's name as Teams or the command line gives it;
-- never a child's. Null on requests recorded before this version (the audit trail has the actor).
alter table requests add column police_contact_by text;
