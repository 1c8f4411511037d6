-- The target index (issue 15): a job's target read once in pages at its start, so that unlinked objects are matched
-- locally instead of by one filter query each. Unlogged: it is rebuilt from the target whenever it is missing, so it
-- costs no WAL, and after a database crash PostgreSQL empties it, which makes the next start read the target again.

-- One read of one object type of a job's target. No foreign key to the job: a new job's runner may start reading
-- before the transaction creating the job has committed; the reads of deleted jobs go with the next complete read.
create unlogged table target_index_read (
    read_id     uuid        primary key,
    job_id      uuid        not null,
    object_type text        not null,
    attributes  text[]      not null,
    state       text        not null,
    objects     integer     not null default 0,
    started_at  timestamptz not null default now(),
    finished_at timestamptz
);

create index target_index_read_job on target_index_read (job_id, object_type);

-- The objects a read found, as the target returned them (without group members).
create unlogged table target_index_object (
    read_id   uuid not null references target_index_read (read_id) on delete cascade,
    target_id text not null,
    resource  text not null,
    primary key (read_id, target_id)
);

-- The normalised values of the job's matching attributes of each object found (several per attribute for a
-- multi-valued one).
create unlogged table target_index_value (
    read_id   uuid not null references target_index_read (read_id) on delete cascade,
    attribute text not null,
    value     text not null,
    target_id text not null
);

create index target_index_value_lookup on target_index_value (read_id, attribute, value);
