-- The relay is notified after the commit of each transaction that wrote outbox rows (the service's Transactions), in a
-- transaction of its own that does not wait for its flush, no longer by this trigger inside the change's transaction:
-- PostgreSQL holds one lock from a notifying transaction's commit until its flush, so concurrent changes committed
-- one disk flush after another (the whole-stack benchmark's PATCHes waited on it at commit, "Lock:object").
drop trigger outbox_inserted on outbox;
drop function outbox_notify();
