-- A restart requested through any provisioner instance (issue 23): while its row is here, every instance running the
-- job stays out of the job's consumer group; the one instance holding the job's restart advisory lock commits the
-- markers (marked) and carries the replay out, then deletes the row; the others wait for it to go, then consume. A
-- restart requested before the previous one is done merges into its row (a new request_id).
create table job_restart (
    job_id        uuid        primary key references provisioning_job (id) on delete cascade,
    request_id    uuid        not null,
    requested_at  timestamptz not null,
    from_time     timestamptz,
    full_check    boolean     not null,
    force_deletes boolean     not null,
    marked        boolean     not null default false
);
