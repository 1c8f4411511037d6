-- The newest membership event applied per group: a replay skips older deltas and snapshots, whose effects are
-- already in group_membership, so it never re-applies an old membership over a newer one.
create table group_membership_version (
    job_id   uuid   not null references provisioning_job (id) on delete cascade,
    group_id text   not null,
    version  bigint not null,
    primary key (job_id, group_id)
);
