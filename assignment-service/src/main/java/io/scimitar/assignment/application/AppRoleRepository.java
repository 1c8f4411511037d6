package io.scimitar.assignment.application;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Stores the app roles of applications. */
@ApplicationScoped
public class AppRoleRepository implements PanacheRepositoryBase<AppRoleEntity, UUID> {
}
