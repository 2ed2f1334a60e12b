# mediaframe: topics, actors and stance over a news corpus, as cached, dependent steps.
from snakemake.utils import min_version, validate

min_version("9.0")


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
