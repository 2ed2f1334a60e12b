"""Execute a report notebook with papermill, then write it as HTML without code.

Inputs: the notebook and the artifacts it reads (passed as notebook parameters).
Outputs: the executed notebook (results/<corpus.name>/reports), the HTML page
(reports/<corpus.name>/) and the report's full tables as CSV files in the folder
beside it (reports/<corpus.name>/tables/<report>/), which the page links.
Logs: the step's own, and the notebook kernel's standard error (its start-up
warnings; a crash), kept out of the terminal.
"""

import os
import tempfile
from pathlib import Path

from mediaframe.errors import MediaframeError
from mediaframe.io import limit_threads, step_logging
from mediaframe.report.helpers import freeze_notebook, kernel_manager, notebook_to_html
from mediaframe.report.provenance import input_hash, provenance


def main(inputs, artifacts, settings, output, log, kernel_log, project=None):
    with step_logging(log) as logger:
        limit_threads(1)
        import papermill
        from papermill.exceptions import PapermillExecutionError

        parameters = {name: _plain(inputs[name]) for name in artifacts}
        parameters["settings"] = settings
        parameters["tables"] = str(output.tables)
        parameters["page"] = str(output.html)
        Path(output.tables).mkdir(parents=True, exist_ok=True)
        Path(kernel_log).write_bytes(b"")  # the kernel appends; a rerun starts afresh
        parameters["provenance"] = provenance(settings, input_hash(inputs.manifest), project)
        try:
            with tempfile.TemporaryDirectory(prefix="mediaframe-kernel-") as sockets:
                papermill.execute_notebook(
                    inputs.notebook,
                    output.notebook,
                    parameters=parameters,
                    kernel_name="python3",
                    kernel_manager_class=kernel_manager(Path(kernel_log), Path(sockets)),
                    progress_bar=False,
                    cwd=os.getcwd(),
                )
        except PapermillExecutionError as error:
            logger.error("".join(error.traceback))
            raise MediaframeError(
                f"{inputs.notebook}: the report failed in cell {error.exec_count}: {error.ename}: "
                f"{error.evalue}. The full error is in {log}."
            ) from None
        except RuntimeError as error:  # the kernel died or did not start
            raise MediaframeError(
                f"{inputs.notebook}: the notebook's kernel stopped ({error}). What it "
                f"printed is in {kernel_log}."
            ) from None
        freeze_notebook(output.notebook)
        Path(output.html).write_text(notebook_to_html(output.notebook), encoding="utf-8")
        logger.info("wrote %s", output.html)


def _plain(value):
    """Snakemake's named inputs are str or list-like; papermill needs JSON values."""
    return str(value) if isinstance(value, str) else [str(v) for v in value]


if __name__ == "__main__":
    main(
        snakemake.input,
        snakemake.params.artifacts,
        snakemake.params.settings,
        snakemake.output,
        snakemake.log.step,
        snakemake.log.kernel,
        Path(snakemake.params.lock_file).parent,
    )
