package io.scimitar.assignment.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code app_group} row as Hibernate maps it; the service works with the {@link Group} record. */
@Entity
@Table(name = "app_group")
public class GroupEntity {

    @Id
    public UUID id;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "mail_nickname")
    public String mailNickname;

    public String description;

    @Column(name = "security_enabled", nullable = false)
    public boolean securityEnabled;

    @Column(name = "created_date_time", nullable = false)
    public OffsetDateTime createdDateTime;

    @Column(name = "modified_date_time", nullable = false)
    public OffsetDateTime modifiedDateTime;

    @Column(name = "deleted_date_time")
    public OffsetDateTime deletedDateTime;

    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
