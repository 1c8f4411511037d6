package io.scimitar.assignment.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code application} row as Hibernate maps it; the service works with the {@link Application} record. */
@Entity
@Table(name = "application")
public class ApplicationEntity {

    @Id
    public UUID id;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "publish_unassigned", nullable = false)
    public boolean publishUnassigned;

    @Column(name = "created_date_time", nullable = false)
    public OffsetDateTime createdDateTime;

    @Column(name = "modified_date_time", nullable = false)
    public OffsetDateTime modifiedDateTime;

    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
