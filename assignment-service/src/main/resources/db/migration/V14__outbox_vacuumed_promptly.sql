-- The outbox is a queue: every row is deleted once relayed, so after a bulk import its primary key starts with as many
-- dead entries as the import wrote events, and the relay's `order by id limit n` walks them all at every read until a
-- vacuum removes them (212,000 events: 583 index pages, 2.4 ms a read, where 3 pages and 0.07 ms is the rule).
-- PostgreSQL's defaults vacuum a table once a fifth of it is dead and pause 2 ms per 200 cost units of it: the
-- whole-stack benchmark's vacuum of the outbox spent 17.6 s of the sync in those pauses. Here it runs at the
-- autovacuum launcher's next visit (once a minute) once 5,000 rows are dead, without pauses: a vacuum of an outbox
-- whose rows are gone is short, and the space it frees is reused before the file grows.
alter table outbox set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0);
