package io.scimitar.provisioner.link;

/** The kinds of objects a job provisions. */
public enum ObjectType {
    USER, GROUP;

    public String scimResourceType() {
        return this == USER ? "Users" : "Groups";
    }
}
