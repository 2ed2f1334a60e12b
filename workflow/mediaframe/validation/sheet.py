"""The coding sheet coders fill in, and the codebook as a printable page beside it.

The sheet lists the sampled units in a random order (by ``unit_id``, a hash) with the
sentence, the mention marked ⟦like this⟧, and the sentences before and after it. It
is blind: the model's label, score and confidence are not in it, nor the outlet.
Coders fill in ``label`` (negative, neutral, positive or not_actor) and ``coder``.

It is written twice: as CSV in UTF-8 with a byte-order mark (so spreadsheet programs
detect UTF-8 and show Arabic) and as XLSX (with a drop-down list on the label column).

Example:
    >>> sheet = coding_sheet(sampled_units, sentences, names={"sdf": "SDF / قسد"})
    >>> write_sheet(sheet, "sheet.csv", "sheet.xlsx")
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import polars as pl

from mediaframe.validation import CODED_LABELS

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
SHEET_COLUMNS = (
    "unit_id",
    "actor",
    "previous_sentence",
    "sentence",
    "next_sentence",
    "label",
    "coder",
)
_KEY = ["doc_id", "kind", "comment"]


def marked(sentence: str, start: int, end: int) -> str:
    """The sentence with the span ``[start, end)`` between ⟦ and ⟧."""
    return f"{sentence[:start]}{MARK_OPEN}{sentence[start:end]}{MARK_CLOSE}{sentence[end:]}"


def coding_sheet(
    units: pl.DataFrame, sentences: pl.DataFrame, names: dict[str, str] | None = None
) -> pl.DataFrame:
    """One row per sampled unit (``units`` with ``sampled`` true), blind to the model.

    ``sentences`` is the clean stage's sentences table (``doc_id, kind, comment,
    sentence, text``); ``names`` maps actor ids to the names coders see.
    """
    names = names or {}
    neighbours = sentences.select(*_KEY, "sentence", "text")
    sampled = units.filter(pl.col("sampled"))
    return (
        sampled.join(
            neighbours.with_columns((pl.col("sentence") + 1).alias("sentence")).rename(
                {"text": "previous_sentence"}
            ),
            on=[*_KEY, "sentence"],
            how="left",
            nulls_equal=True,
        )
        .join(
            neighbours.with_columns((pl.col("sentence") - 1).alias("sentence")).rename(
                {"text": "next_sentence"}
            ),
            on=[*_KEY, "sentence"],
            how="left",
            nulls_equal=True,
        )
        .with_columns(
            pl.struct("sentence_text", "start", "end")
            .map_elements(
                lambda row: marked(row["sentence_text"], row["start"], row["end"]),
                return_dtype=pl.String,
            )
            .alias("sentence"),
            pl.col("actor").replace_strict(names, default=pl.col("actor")).alias("actor"),
            pl.lit("").alias("label"),
            pl.lit("").alias("coder"),
            pl.col("previous_sentence").fill_null(""),
            pl.col("next_sentence").fill_null(""),
        )
        .select(SHEET_COLUMNS)
        .sort("unit_id")
    )


def write_sheet(sheet: pl.DataFrame, csv_path: str | Path, xlsx_path: str | Path) -> None:
    """Write the sheet as UTF-8 CSV with a BOM and as XLSX."""
    Path(csv_path).parent.mkdir(parents=True, exist_ok=True)
    sheet.write_csv(csv_path, include_bom=True)
    write_xlsx(sheet, xlsx_path)


def write_xlsx(sheet: pl.DataFrame, path: str | Path) -> None:
    """The sheet as a workbook: wrapped text, a frozen header, a label drop-down."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    page = book.active
    page.title = "coding"
    page.append(list(sheet.columns))
    for row in sheet.iter_rows():
        page.append(list(row))
    widths = {"unit_id": 16, "actor": 18, "label": 14, "coder": 12}
    for index, column in enumerate(sheet.columns, start=1):
        letter = page.cell(row=1, column=index).column_letter
        page.column_dimensions[letter].width = widths.get(column, 60)
        page.cell(row=1, column=index).font = Font(bold=True)
    for row in page.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    page.freeze_panes = "A2"
    label_column = page.cell(row=1, column=sheet.columns.index("label") + 1).column_letter
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(CODED_LABELS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="label",
        error="Choose negative, neutral, positive or not_actor (see the codebook).",
    )
    page.add_data_validation(choice)
    if sheet.height:
        choice.add(f"{label_column}2:{label_column}{sheet.height + 1}")
    fixed = dt.datetime(2000, 1, 1)  # the same sheet gives the same bytes
    book.properties.created = fixed
    book.properties.modified = fixed
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


CODEBOOK_STYLE = """
body { font-family: 'DejaVu Sans', system-ui, sans-serif; max-width: 48em; margin: 2em auto;
       padding: 0 1em; line-height: 1.5; color: #111; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #999; padding: 4px 8px; vertical-align: top; text-align: start; }
th { background: #eee; }
code { font-family: 'DejaVu Sans Mono', monospace; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } a { color: inherit; } }
"""


def codebook_html(markdown_text: str, title: str = "Stance codebook") -> str:
    """The codebook (Markdown) as a self-contained printable HTML page.

    Table cells and paragraphs carry ``dir="auto"`` so Arabic examples read right to left.
    """
    import mistune

    render = mistune.create_markdown(plugins=["table"])
    body = str(render(markdown_text))
    body = re.sub(r"<(td|th|p|li|h[1-6])(?=[\s>])", r'<\1 dir="auto"', body)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CODEBOOK_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
