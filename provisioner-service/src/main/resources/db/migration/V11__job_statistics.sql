-- Statistics to date of each job (as Entra's "Statistics to date"): changes applied by action and status, counted in
-- the same statement as the poll's links and log entries, so they survive pauses, restarts and process restarts and
-- never count a change whose effects were not stored. Action ALREADY_APPLIED counts events older than what was
-- applied before (replays).
create table job_statistics (
    job_id      uuid        not null references provisioning_job (id) on delete cascade,
    action      varchar(16) not null,
    status      varchar(8)  not null,
    changes     bigint      not null,
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    primary key (job_id, action, status)
);
