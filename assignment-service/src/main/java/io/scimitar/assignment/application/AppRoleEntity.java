package io.scimitar.assignment.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The {@code app_role} row as Hibernate maps it; the service works with the {@link AppRole} record. */
@Entity
@Table(name = "app_role")
public class AppRoleEntity {

    @Id
    public UUID id;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    public String value;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String description;

    @Column(name = "is_default", nullable = false)
    public boolean defaultAccess;
}
