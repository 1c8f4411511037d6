-- Whether the object was in the job's scope as the source counts it (assigned, or any object of a job syncing all;
-- a group only when the job provisions groups) at its latest decision: the progress counts done objects among those
-- in scope, so objects that left scope (disabled, deleted, never provisioned) no longer count as done. Links stored
-- before this column are taken as in scope when active, so an upgraded job reads at or below the truth until its
-- objects are decided again.
alter table object_link add column in_source_scope boolean not null default false;
update object_link set in_source_scope = (state = 'ACTIVE');
