-- Set by a restart: the object's newest known event is evaluated again (against new mappings or filters) when the
-- replay reaches it, while older events of the object stay skipped, so a replay never flip-flops the target.
alter table object_link add column reevaluate boolean not null default false;
