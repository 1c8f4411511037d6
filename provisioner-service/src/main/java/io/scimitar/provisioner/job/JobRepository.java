package io.scimitar.provisioner.job;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Stores provisioning jobs. */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<ProvisioningJobEntity, UUID> {
}
