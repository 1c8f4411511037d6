package io.scimitar.provisioner.entra;

import io.scimitar.provisioner.job.JobResponse;

import java.util.List;

/** The answer to an import: the job as the job API shows it, and everything not carried over as Entra means it. */
public record EntraImportAnswer(JobResponse job, List<ImportReportItem> report) {
}
