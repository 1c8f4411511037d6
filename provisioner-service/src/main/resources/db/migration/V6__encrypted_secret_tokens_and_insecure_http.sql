-- Secret tokens are encrypted at rest by the service (AES-GCM, "enc:v1:<keyId>:<base64>", key from configuration).
-- The key is not in the database, so the tokens stored in plain text before are only marked here; the service
-- encrypts them with its active key when it starts (SecretTokenReencryption), before any job runs.
update provisioning_job set secret_token = 'plain:' || secret_token
 where secret_token is not null and secret_token not like 'enc:v1:%';

-- A plain http tenant URL must now be allowed explicitly; the jobs that already used one keep working, visibly.
alter table provisioning_job add column allow_insecure_http boolean not null default false;
update provisioning_job set allow_insecure_http = true where lower(tenant_url) like 'http://%';
