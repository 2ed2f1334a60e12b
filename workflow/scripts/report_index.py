"""Write reports/<corpus.name>/index.html: links to every report and the run's provenance."""

from pathlib import Path

from mediaframe.io import step_logging
from mediaframe.report.helpers import index_page
from mediaframe.report.provenance import input_hash, provenance

DESCRIPTIONS = {
    "corpus": (
        "Corpus",
        "documents per outlet and day, rejects by reason, removed boilerplate, reader comments",
    ),
    "topics": (
        "Topics",
        "what the outlets write about: topics, their words, sizes, over time and by outlet",
    ),
    "actors": (
        "Actors and stance",
        "who appears, how often, and the stance toward each actor with 95% intervals",
    ),
    "validation": (
        "Validation",
        "the coding sheet, agreement between coders, the model against them, and stance "
        "figures corrected by the coded sample",
    ),
}


def main(manifest, reports, title, config, output_path, log, project=None):
    with step_logging(log):
        entries = [(f"{name}.html", *DESCRIPTIONS[name]) for name in reports]
        page = index_page(title, entries, provenance(config, input_hash(manifest), project))
        Path(output_path).write_text(page, encoding="utf-8")


if __name__ == "__main__":
    p = snakemake.params
    main(
        snakemake.input.manifest,
        p.reports,
        p.title,
        dict(p.config),
        snakemake.output.html,
        snakemake.log[0],
        Path(p.lock_file).parent,
    )
