# mediaframe: topics, actors and stance over a news corpus, as cached, dependent steps.
from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version, validate

min_version("9.0")

from mediaframe.io import yaml_syntax_error

# Snakemake's message for a broken config.yaml names no line; this one does.
if problem := yaml_syntax_error("config.yaml"):
    raise WorkflowError(problem)


configfile: "config.yaml"


validate(config, schema="workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/embed.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/actors.smk"
include: "workflow/rules/stance.smk"
include: "workflow/rules/validation.smk"
include: "workflow/rules/reports.smk"


rule all:
    input:
        "reports/index.html",
        expand("reports/{report}.html", report=REPORTS),
