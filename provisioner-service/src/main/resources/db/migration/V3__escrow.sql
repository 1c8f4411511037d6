-- Changes that failed and wait to be retried: at most one per object (the newest event wins).
create table escrow (
    job_id         uuid        not null references provisioning_job (id) on delete cascade,
    object_key     text        not null,
    object_version bigint      not null,
    event          text        not null,
    attempts       integer     not null,
    first_failure  timestamptz not null,
    next_attempt   timestamptz not null,
    error_code     text,
    error_reason   text,
    primary key (job_id, object_key)
);
create index escrow_due on escrow (job_id, next_attempt);
