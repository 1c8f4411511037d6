-- The quarantine email's claim (notified_reason, notified_at) is taken before the email is sent; whether it went is
-- recorded apart, once the mail server took it. A claim whose email did not go (its sender stopped or failed) is
-- taken again once it is older than the claim's lease, so the episode's email is sent at least once. Claims stored
-- before this column were taken by senders that had sent or given them back: they count as delivered.
alter table job_quarantine add column notification_delivered boolean not null default false;
update job_quarantine set notification_delivered = true where notified_reason = reason;
