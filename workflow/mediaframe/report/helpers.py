"""Helpers the report notebooks use: escaped HTML tables, notes, figures, provenance.

Everything that comes from the corpus goes through :func:`html.escape`, so an
article containing ``<script>`` shows the tag as text. Text cells carry
``dir="auto"``, so Arabic renders right-to-left and English left-to-right.

Example (in a notebook):
    >>> setup_figures()
    >>> show(table(frame, caption="Articles per outlet"))
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

STYLE = """
<style>
.mf-table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
.mf-table th, .mf-table td { border: 1px solid #d0d4da; padding: 4px 8px; vertical-align: top; }
/* JupyterLab's stylesheet right-aligns every table cell; text cells start where their
   script starts (left for English, right for Arabic), numbers align right. */
.jp-RenderedHTMLCommon table.mf-table th, .jp-RenderedHTMLCommon table.mf-table td,
table.mf-table th, table.mf-table td { text-align: start; }
table.mf-table th { background: #f2f4f7; }
.jp-RenderedHTMLCommon table.mf-table td.num, table.mf-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
/* The caption stands above the table as a paragraph: a <caption> is only as wide as its
   table, so a long caption over a two-column table would wrap into a thin column. */
.mf-caption { text-align: start; font-weight: 600; margin: 0.5em 0 0; max-width: 70em; }
.mf-caption + .mf-table { margin-top: 0.25em; }
.mf-note { background: #fff8e1; border-inline-start: 4px solid #f0b400; padding: 8px 12px; margin: 0.5em 0 1em; }
.mf-prov { font-size: 0.85em; color: #444; background: #f7f7f9; padding: 8px 12px; }
.mf-prov code { font-size: 0.95em; }
mark { background: #ffe08a; padding: 0 2px; }
.mf-muted { color: #777; }
.mf-foot { margin: -1.2em 0 1.5em; font-size: 0.85em; }
.mf-link { font-weight: normal; font-size: 0.9em; }
</style>
"""


def escape(value: Any) -> str:
    """HTML-escape any value; None shows as an empty cell."""
    return "" if value is None else html.escape(str(value), quote=True)


def _cell(value: Any, raw: bool) -> str:
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        return f'<td class="num">{text}</td>'
    if isinstance(value, list):
        value = " · ".join(str(v) for v in value)
    return f'<td dir="auto">{value if raw else escape(value)}</td>'


def table(
    frame: pl.DataFrame,
    caption: str | None = None,
    raw_columns: Sequence[str] = (),
    max_rows: int = 200,
    headers: dict[str, str] | None = None,
    link: str = "",
) -> str:
    """An HTML table of ``frame``; cells are escaped except ``raw_columns``.

    ``raw_columns`` are for HTML this module built itself (e.g. :func:`highlight`);
    ``link`` (HTML) follows the caption: the table's full CSV file, whose link then
    stands in for the "Showing N of M rows" line.
    """
    headers = headers or {}
    head = "".join(f"<th>{escape(headers.get(c, c))}</th>" for c in frame.columns)
    rows = [
        "<tr>"
        + "".join(_cell(v, c in raw_columns) for c, v in zip(frame.columns, row, strict=True))
        + "</tr>"
        for row in frame.head(max_rows).iter_rows()
    ]
    more = ""
    if frame.height > max_rows and not link:
        more = f'<p class="mf-muted">Showing {max_rows} of {frame.height:,} rows.</p>'
    if not rows:
        rows = [f'<tr><td colspan="{len(frame.columns)}" class="mf-muted">none</td></tr>']
    if caption or link:
        extra = f' <span class="mf-link">({link})</span>' if link else ""
        title = f'<p class="mf-caption" dir="auto">{escape(caption or "")}{extra}</p>'
    else:
        title = ""
    return f'{title}<table class="mf-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def highlight(sentence: str, start: int, end: int) -> str:
    """The sentence, escaped, with the span ``[start, end)`` marked."""
    return f"{escape(sentence[:start])}<mark>{escape(sentence[start:end])}</mark>{escape(sentence[end:])}"


def note(text: str) -> str:
    return f'<div class="mf-note" dir="auto">{escape(text)}</div>'


def provenance_block(info: dict[str, Any]) -> str:
    versions = ", ".join(f"{escape(k)} {escape(v)}" for k, v in info["versions"].items())
    locked = info.get("environment")
    environment = (
        f"<br>Environment: <code>{escape(locked['lock'])}</code> "
        f"<code>{escape(locked['lock_digest'])}</code> ({escape(locked['state'])})"
        if locked
        else "<br>Environment: no lock file"
    )
    return (
        '<div class="mf-prov"><b>Provenance.</b> '
        f"Config hash <code>{escape(info['config_hash'])}</code> · "
        f"input corpus hash <code>{escape(info['input_hash'])}</code> · "
        f"generated {escape(info['generated'])}<br>Versions: {versions}{environment}</div>"
    )


def show(*fragments: str) -> None:
    """Display HTML fragments in the notebook (with the report stylesheet)."""
    from IPython.display import HTML, display

    display(HTML(STYLE + "".join(fragments)))


def setup_figures() -> None:
    """Matplotlib defaults for reports: DejaVu Sans shapes Arabic; readable sizes."""
    import matplotlib as mpl

    mpl.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "figure.figsize": (8, 3.6),
            "figure.dpi": 110,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            # Outlet names and words come from the corpus: "$" must not start math
            # text (an outlet named "Cash $\\foo{$ Daily" would stop the report).
            "text.parse_math": False,
            # Same figure, same bytes: fixed SVG ids and no creation date in metadata.
            "svg.hashsalt": "mediaframe",
        }
    )


# Per-run values papermill and the kernel write into an executed notebook.
_RUN_METADATA = ("start_time", "end_time", "duration", "environment_variables")


def freeze_notebook(notebook: str | Path) -> None:
    """Make an executed notebook depend only on its inputs: cell ids numbered in
    order (nbformat draws random ones), execution timestamps and durations removed.
    Two identical runs then give identical notebooks and HTML, except the one
    generation time the provenance block states.
    """
    import nbformat

    node = nbformat.read(str(notebook), as_version=4)
    for key in _RUN_METADATA:
        node.metadata.get("papermill", {}).pop(key, None)
    for number, cell in enumerate(node.cells):
        cell["id"] = f"cell-{number}"
        cell.metadata.pop("execution", None)
        for key in _RUN_METADATA:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(node, str(notebook))


def kernel_manager(stderr: Path, sockets: Path) -> type:
    """A kernel manager class (for papermill) whose kernel talks over Unix sockets in
    the folder ``sockets`` and writes its standard error to ``stderr`` (appended).

    Sockets: two reports rendered at once each start a kernel; over TCP both pick free
    ports the same moment and may pick the same one, and the kernel that loses the
    race dies ("Address already in use", the step failing after a minute). Socket
    files in a folder of the step's own cannot collide.

    Standard error: the kernel prints its start-up warnings there and, with ipykernel
    7.4, sometimes a harmless ZMQ traceback as it shuts down while another report's
    kernel runs; a user should see neither among the pipeline's messages, yet a
    crashing kernel's last words must be kept, so they go to the step's kernel log.
    """
    from jupyter_client import AsyncKernelManager

    class StepKernelManager(AsyncKernelManager):  # type: ignore[misc]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.cache_ports = False  # a cache of free TCP ports
            self.ip = str(sockets / "kernel")

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            stderr.parent.mkdir(parents=True, exist_ok=True)
            with stderr.open("ab") as stream:  # the child holds its own copy once started
                kw["stderr"] = stream
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return StepKernelManager


def notebook_to_html(notebook: str | Path) -> str:
    """Convert an executed notebook to a self-contained HTML page without code cells."""
    import nbformat
    from nbconvert import HTMLExporter

    templates = resources.files("mediaframe").joinpath("templates")
    exporter = HTMLExporter(
        extra_template_basedirs=[str(templates)],
        template_name="mediaframe",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(str(notebook), as_version=4))
    return body


def index_page(title: str, reports: Sequence[tuple[str, str, str]], info: dict[str, Any]) -> str:
    """The landing page: one link per ``(file, name, description)`` and the provenance."""
    items = "".join(
        f'<li><a href="{escape(file)}">{escape(name)}</a> — {escape(text)}</li>'
        for file, name, text in reports
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{STYLE}"
        "<style>body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}</style>"
        f'</head><body><h1 dir="auto">{escape(title)}</h1><ul>{items}</ul>{provenance_block(info)}</body></html>'
    )
