# mediaframe: topics, actors and stance over a news corpus, as cached, dependent steps.
from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version, validate

min_version("9.0")

from mediaframe.io import corpus_name_problem, yaml_syntax_error

# Snakemake's message for a broken config.yaml names no line; this one does.
if problem := yaml_syntax_error("config.yaml"):
    raise WorkflowError(problem)


configfile: "config.yaml"


# Every output lands under the corpus's own folders (results/<corpus.name>/, ...), so the
# name must be a safe folder name; this message names the key and the fix.
if problem := corpus_name_problem(config):
    raise WorkflowError(problem)

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
        report_file("index.html"),
        expand(report_file("{report}.html"), report=REPORTS),
