package io.scimitar.provisioner.configuration;

/** Whether a job provisions (ON) or holds its events until it is turned on again (OFF). */
public enum JobStatus {
    ON, OFF
}
