package io.scimitar.provisioner.rules.mapping;

/** Entra's "Apply this mapping": always, or only when the object is created in the target. */
public enum ApplyOn { ALWAYS, CREATE_ONLY }
