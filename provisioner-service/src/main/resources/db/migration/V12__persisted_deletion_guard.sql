-- The deletion guard (issue 19), persisted so that neither a restart of the job nor one of the provisioner releases or
-- resets what it holds. Its disables and deletes stay escrow rows (the newest event of an object wins, and a newer
-- change of the object that succeeds resolves them), of the kinds
--   SETTLING_DELETE  waiting for its burst to be counted whole (the settle window)
--   STAGED_DELETE    held: the count passed the threshold (an episode of TooManyDeletes)
--   REJECTED_DELETE  held and rejected by an administrator: never sent
--   RELEASED_DELETE  released by the settle window or allowed by an administrator: goes out
-- with who (user principal name, display name), what (disable or delete) and why (unassigned, out of scope ...).
alter table escrow
    add column object_type         text,
    add column deletion_action     text,
    add column deletion_cause      text,
    add column user_principal_name text,
    add column display_name        text,
    add column target_id           text;
create index escrow_guarded on escrow (job_id, kind)
    where kind in ('SETTLING_DELETE', 'STAGED_DELETE', 'REJECTED_DELETE');

-- One row per job the guard has seen a deletion of: its per-job windows (null: the service's defaults) and its episode.
create table deletion_guard (
    job_id           uuid        primary key references provisioning_job (id) on delete cascade,
    settle_seconds   integer,
    counting_minutes integer,
    tripped_at       timestamptz,
    rejected_at      timestamptz
);

-- What the settle window let out, counted against the threshold for the counting window after it.
create table deletion_release (
    job_id      uuid        not null references provisioning_job (id) on delete cascade,
    released_at timestamptz not null,
    released    integer     not null
);
create index deletion_release_job on deletion_release (job_id, released_at);

-- Held deletions stored before this version: their episode is the job's TooManyDeletes quarantine.
insert into deletion_guard (job_id, tripped_at)
select job_id, began_at from job_quarantine where reason = 'TooManyDeletes'
on conflict (job_id) do nothing;
insert into deletion_guard (job_id, tripped_at)
select distinct job_id, now() from escrow where kind = 'STAGED_DELETE'
on conflict (job_id) do nothing;
update escrow set
    object_type = case when event::jsonb ->> 'type' like 'group.%' then 'Group' else 'User' end,
    deletion_action = case when event::jsonb ->> 'type' like '%.deleted' then 'DELETE'
        when event::jsonb ->> 'type' like 'group.%' then 'DELETE' else 'DISABLE' end,
    deletion_cause = case when event::jsonb ->> 'type' like '%.deleted' then 'DELETED_AT_SOURCE'
        when (event::jsonb ->> 'assigned') = 'false' then 'UNASSIGNED'
        when (event::jsonb ->> 'softDeleted') = 'true' then 'SOFT_DELETED'
        when (event::jsonb #>> '{user,accountEnabled}') = 'false' then 'DISABLED_AT_SOURCE'
        else 'OUT_OF_SCOPE' end,
    user_principal_name = coalesce(event::jsonb #>> '{user,userPrincipalName}', event::jsonb ->> 'userPrincipalName'),
    display_name = coalesce(event::jsonb #>> '{user,displayName}', event::jsonb #>> '{group,displayName}',
        event::jsonb ->> 'displayName')
where kind = 'STAGED_DELETE';
