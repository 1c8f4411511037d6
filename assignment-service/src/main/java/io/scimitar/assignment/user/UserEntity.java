package io.scimitar.assignment.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code app_user} row as Hibernate maps it; the service works with the {@link User} record. */
@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    public UUID id;

    @Column(name = "user_principal_name", nullable = false)
    public String userPrincipalName;

    public String mail;

    @Column(name = "mail_nickname")
    public String mailNickname;

    @Column(name = "given_name")
    public String givenName;

    public String surname;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "job_title")
    public String jobTitle;

    public String department;

    @Column(name = "company_name")
    public String companyName;

    @Column(name = "employee_id")
    public String employeeId;

    @Column(name = "employee_type")
    public String employeeType;

    @Column(name = "office_location")
    public String officeLocation;

    public String city;

    public String country;

    @Column(name = "usage_location")
    public String usageLocation;

    @Column(name = "mobile_phone")
    public String mobilePhone;

    /** A JSON array of strings. */
    @Column(name = "business_phones", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(business_phones as text)", write = "cast(cast(? as text) as jsonb)")
    public String businessPhones;

    @Column(name = "preferred_language")
    public String preferredLanguage;

    @Column(name = "account_enabled", nullable = false)
    public boolean accountEnabled;

    @Column(name = "manager_id")
    public UUID managerId;

    /** A JSON object of extension_* attributes. */
    @Column(name = "extension_attributes", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(extension_attributes as text)", write = "cast(cast(? as text) as jsonb)")
    public String extensionAttributes;

    @Column(name = "created_date_time", nullable = false)
    public OffsetDateTime createdDateTime;

    @Column(name = "modified_date_time", nullable = false)
    public OffsetDateTime modifiedDateTime;

    @Column(name = "deleted_date_time")
    public OffsetDateTime deletedDateTime;

    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
