"""Report tables that stay readable at hundreds of outlets and topics, with every
number one click away.

Three rules, used by every report:

- **Outlets ranked by volume, the rest grouped.** :func:`outlet_ranking` orders the
  outlets by a volume (articles, comments, mentions), largest first; :func:`fold_outlets`
  renames every outlet outside the ``reports.top_outlets`` largest to one group,
  "N other outlets", *before* counting, so a grouped table is the same count over a
  coarser outlet column and its totals equal the ungrouped ones.
- **Empty rows hidden, and counted.** Tables leave out the rows they need not show
  (outlets without comments, groups whose stance cells are all "too few") and say how
  many they left out; "too few" cells are blank with a footnote.
- **The full table beside the report.** :class:`TableFolder` writes every table in full
  as CSV (UTF-8 with a byte-order mark, so spreadsheet programs show Arabic) into the
  report's ``tables/`` folder and :func:`linked_table` shows its first rows with a link
  to the file.

Example:
    >>> keep = outlet_ranking(per_outlet, "articles")[:top]
    >>> grouped = fold_outlets(articles, keep)
    >>> show(linked_table(tables, "articles_per_outlet", counted, caption="Articles per outlet"))
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from mediaframe.report.helpers import escape, table

OTHER_OUTLETS = "{count:,} other outlets"


def outlet_ranking(frame: pl.DataFrame, volume: str, outlet: str = "outlet") -> list[str]:
    """Outlets by their summed ``volume`` (``"rows"``: their number of rows), largest
    first, ties by name, so the order is the same on every run."""
    amount = pl.len() if volume == "rows" else pl.col(volume).sum()
    return (
        frame.group_by(outlet)
        .agg(amount.alias("_volume"))
        .sort("_volume", outlet, descending=[True, False], nulls_last=True)[outlet]
        .to_list()
    )


def other_outlets_label(count: int) -> str:
    """The name of the group of ``count`` outlets that are not shown on their own."""
    return OTHER_OUTLETS.format(count=count)


def is_other_outlets(name: str | None) -> bool:
    """Whether ``name`` is the group made by :func:`fold_outlets`."""
    return bool(name) and re.fullmatch(r"[\d,]+ other outlets", name) is not None


def kept_outlets(ranking: Sequence[str], top: int) -> list[str]:
    """The outlets shown on their own: the ``top`` largest, or all of them when only one
    would be left over (a group of one outlet hides its name for nothing)."""
    return list(ranking) if len(ranking) <= top + 1 else list(ranking[:top])


def fold_outlets(
    frame: pl.DataFrame, ranking: Sequence[str], top: int, outlet: str = "outlet"
) -> pl.DataFrame:
    """``frame`` with every outlet outside the ``top`` of ``ranking`` renamed to one
    group, "N other outlets" (N: the outlets of ``ranking`` in it). Count after folding:
    each count over the grouped column sums to the same total as over the original."""
    keep = kept_outlets(ranking, top)
    if len(keep) == len(ranking):
        return frame
    other = other_outlets_label(len(ranking) - len(keep))
    return frame.with_columns(
        pl.when(pl.col(outlet).is_in(keep))
        .then(pl.col(outlet))
        .otherwise(pl.lit(other))
        .alias(outlet)
    )


def outlet_rank(ranking: Sequence[str], top: int, outlet: str = "outlet") -> pl.Expr:
    """A sort key: the kept outlets in ranking order, then the "other outlets" group."""
    keep = kept_outlets(ranking, top)
    order = {name: position for position, name in enumerate(keep)}
    return pl.col(outlet).replace_strict(order, default=len(keep), return_dtype=pl.Int64)


def bar_height(bars: int, per_bar: float = 0.28, most: float = 9.0) -> float:
    """A figure's height in inches for ``bars`` rows of bars or cells: it grows with them
    and is capped (a figure taller than a screen is read by no one; the tables and CSV
    files list the rest)."""
    return min(0.9 + per_bar * bars, most)


def _plain_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists joined with " · " and nested values as JSON text: CSV holds flat values."""
    columns = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.List | pl.Array):
            columns.append(pl.col(name).cast(pl.List(pl.String)).list.join(" · ").alias(name))
        elif isinstance(dtype, pl.Struct):
            columns.append(pl.col(name).struct.json_encode().alias(name))
        else:
            columns.append(pl.col(name))
    return frame.select(columns)


@dataclass(frozen=True)
class TableFolder:
    """Where a report writes its full tables (``folder``) and how its page links them
    (``href``: the folder relative to the page).

    Example:
        >>> tables = TableFolder.beside("reports/corpus.html", "reports/tables/corpus")
        >>> tables.save(frame, "articles_per_outlet")
        'tables/corpus/articles_per_outlet.csv'
    """

    folder: Path
    href: str

    @classmethod
    def beside(cls, page: str | Path, folder: str | Path) -> TableFolder:
        """The folder for the report page ``page`` (both relative to the working folder)."""
        link = os.path.relpath(Path(folder), Path(page).parent).replace(os.sep, "/")
        return cls(Path(folder), link)

    def save(self, frame: pl.DataFrame, name: str) -> str:
        """Write ``frame`` in full as ``<name>.csv``; return the link to it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _plain_columns(frame).write_csv(self.folder / f"{name}.csv", include_bom=True)
        return f"{self.href}/{name}.csv"


def csv_link(href: str, text: str | None = None) -> str:
    """A link to a CSV file beside the report."""
    return f'<a class="mf-csv" href="{escape(href)}">{escape(text or href.rsplit("/", 1)[-1])}</a>'


def linked_table(
    tables: TableFolder,
    name: str,
    full: pl.DataFrame,
    caption: str,
    shown: pl.DataFrame | None = None,
    max_rows: int = 20,
    notes: Sequence[str] = (),
    raw_columns: Sequence[str] = (),
    headers: dict[str, str] | None = None,
) -> str:
    """``full`` written as ``<name>.csv``; the page shows ``shown`` (default: ``full``),
    its first ``max_rows`` rows, with the CSV linked in the caption and below the table
    when rows are left out. ``notes`` are footnotes (hidden rows, blank cells); columns
    empty in every shown row are left out with a footnote.

    ``shown`` may differ from ``full`` (outlets grouped, empty rows hidden, cells blanked);
    the CSV always holds every row and every number.
    """
    href = tables.save(full, name)
    shown = full if shown is None else shown
    footnotes = list(notes)
    empty = [c for c in shown.columns if shown.height and shown[c].null_count() == shown.height]
    if empty:
        shown = shown.drop(empty)
        footnotes.append(f"Left out, empty in every row: {', '.join(empty)}.")
    if shown.height > max_rows:
        footnotes.append(
            f"The first {max_rows:,} of {shown.height:,} rows; every row is in the CSV file."
        )
    html = table(
        shown,
        caption=caption,
        raw_columns=raw_columns,
        max_rows=max_rows,
        headers=headers,
        link=csv_link(href, "CSV: all rows"),
    )
    below = "".join(f'<p class="mf-muted mf-foot">{escape(text)}</p>' for text in footnotes)
    return html + below


def grouped_caption(caption: str, outlets: int, top: int, volume: str) -> str:
    """``caption``, saying which outlets a grouped table shows when it groups any:
    "…: the 15 outlets with most mentions of 773, the rest as one row"."""
    if outlets <= top + 1:
        return caption
    return f"{caption}: the {top} outlets with most {volume} of {outlets:,}, the rest as one row"
