-- The applications of the directory as the application topic (scimitar.applications) announced them, filled by
-- directory.ApplicationDirectoryConsumer: a job may only be created for an application known here and not deleted.
create table known_application (
    application_id  text        primary key,            -- as events carry it: a UUID in lower case
    display_name    text,
    version         bigint      not null,               -- the newest event applied; older copies are ignored
    deleted_at      timestamptz,                        -- when the directory deleted it; null while it exists
    updated_at      timestamptz not null default now()
);
