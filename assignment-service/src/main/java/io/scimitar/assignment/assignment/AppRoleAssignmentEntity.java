package io.scimitar.assignment.assignment;

import io.scimitar.events.MemberRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code app_role_assignment} row as Hibernate maps it; the service works with {@link AppRoleAssignment}. */
@Entity
@Table(name = "app_role_assignment")
public class AppRoleAssignmentEntity {

    @Id
    public UUID id;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    @Column(name = "app_role_id", nullable = false)
    public UUID appRoleId;

    @Column(name = "principal_id", nullable = false)
    public UUID principalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_type", nullable = false)
    public MemberRef.MemberType principalType;

    @Column(name = "created_date_time", nullable = false)
    public OffsetDateTime createdDateTime;
}
