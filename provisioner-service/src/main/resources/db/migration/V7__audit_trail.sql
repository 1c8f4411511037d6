-- The audit trail of /api writes (api-security, io.scimitar.security.audit): the same table in both services.
-- Field names only, never values; rows older than scimitar.audit.retention are deleted periodically.
CREATE TABLE audit_record (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at    TIMESTAMPTZ NOT NULL,
    actor          TEXT        NOT NULL,
    method         TEXT        NOT NULL,
    path           TEXT        NOT NULL,
    operation      TEXT        NOT NULL,
    resource_type  TEXT,
    resource_id    TEXT,
    field_names    TEXT[]      NOT NULL,
    status         INTEGER     NOT NULL,
    remote_address TEXT
);
CREATE INDEX audit_record_recorded_at ON audit_record (recorded_at);
CREATE INDEX audit_record_actor ON audit_record (actor, id);
CREATE INDEX audit_record_resource ON audit_record (resource_type, resource_id, id);
