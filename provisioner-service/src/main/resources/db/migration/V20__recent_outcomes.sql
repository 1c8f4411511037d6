-- The failure-share window of each job (issue 19): its most recent distinct changes (an object at one version) and
-- whether each failed, so that a provisioner restart (a new process) judges the share on what went before, as pauses
-- and restarts of the job do. Written by each poll in the statement that stores its links and log entries: a change
-- recorded is upserted with its sequence number (the order of the window), a change that slid out is deleted.
create table job_recent_outcome (
    job_id   uuid    not null references provisioning_job (id) on delete cascade,
    change   text    not null,
    failed   boolean not null,
    sequence bigint  not null,
    primary key (job_id, change)
);
