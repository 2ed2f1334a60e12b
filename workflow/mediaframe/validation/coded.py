"""Coded sheets read back, checked, and turned into one gold label per unit.

A folder holds one file per coder (``.csv`` or ``.xlsx``, the sheet as exported with
``label`` and ``coder`` filled in; extra columns are ignored). A row whose ``coder``
is empty belongs to the coder the file is named after. Rows by the configured
adjudicator (``validation.adjudicator``) record decisions on disagreements.

Any unknown unit id, empty or invalid label, or duplicate row stops the import with a
message naming the file, the spreadsheet row (the header is row 1) and the fix.

Gold label of a unit: the adjudicator's label where given; else the label most of its
coders chose; a tie (two coders who disagree, say) is resolved by :func:`tie_rule`.

Example:
    >>> coded = read_coded_folder(sorted(Path("validation/coded").glob("*")), known_ids)
    >>> gold = gold_labels(coded, adjudicator="adjudicator")
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.validation import CODED_LABELS

CODED_SCHEMA: dict[str, pl.DataType] = {
    "unit_id": pl.String(),
    "coder": pl.String(),
    "label": pl.String(),
    "file": pl.String(),
    "row": pl.Int64(),
}
GOLD_SCHEMA: dict[str, pl.DataType] = {
    "unit_id": pl.String(),
    "gold": pl.String(),
    "source": pl.String(),  # adjudicated, single, unanimous, majority, tie
    "coders": pl.Int64(),
    "labels": pl.String(),
}
SHEET_SUFFIXES = (".csv", ".xlsx")
_ALIASES = {"not actor": "not_actor", "not-actor": "not_actor", "notactor": "not_actor"}
_MAX_PROBLEMS = 10


def coded_files(folder: str | Path) -> list[Path]:
    """The sheet files in ``folder`` (spreadsheet lock files and hidden files skipped)."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.suffix.lower() in SHEET_SUFFIXES and not p.name.startswith((".", "~$"))
    )


def _read_rows(path: Path) -> list[dict[str, str]]:
    """The file's rows as strings keyed by lower-cased header."""
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            values = list(book.worksheets[0].iter_rows(values_only=True))
            book.close()
        else:
            import csv

            with path.open(encoding="utf-8-sig", newline="") as handle:
                values = list(csv.reader(handle))
    except Exception as error:  # any unreadable file gets the same advice
        raise MediaframeError(
            f"{path}: cannot be read as a coded sheet ({type(error).__name__}: {error}). "
            "Fix: save it as CSV (UTF-8) or XLSX from the exported coding sheet."
        ) from None
    if not values:
        raise MediaframeError(f"{path}: the file is empty. Fix: remove it or fill it in.")
    header = [str(h).strip().lower() if h is not None else "" for h in values[0]]
    missing = [c for c in ("unit_id", "label") if c not in header]
    if missing:
        raise MediaframeError(
            f"{path}, row 1: the header has no {' or '.join(missing)} column "
            f"(found: {', '.join(h for h in header if h) or 'nothing'}). Fix: keep the "
            "exported sheet's header row and its unit_id, label and coder columns."
        )
    rows = []
    for line in values[1:]:
        cells = ["" if v is None else str(v).strip() for v in line]
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def read_coded_sheet(path: str | Path, known_ids: Iterable[str]) -> pl.DataFrame:
    """One coded file as ``unit_id, coder, label, file, row``; problems raise
    :class:`MediaframeError` naming the file, the rows and the fix."""
    path = Path(path)
    known = set(known_ids)
    problems: list[str] = []
    records = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(_read_rows(path), start=2):
        unit, label = row.get("unit_id", ""), row.get("label", "")
        if not any(row.values()):
            continue  # a blank line
        coder = row.get("coder", "") or path.stem
        label = _ALIASES.get(label.lower(), label.lower())
        if unit not in known:
            problems.append(
                f"row {number}: unit id '{unit}' is not in the coding sheet. Fix: copy unit "
                "ids from the exported sheet unchanged (or delete the row; if the sheet was "
                "exported again after the corpus or actors changed, code the new sheet)"
            )
        elif not label:
            problems.append(
                f"row {number}: the label of unit '{unit}' is empty. Fix: enter one of "
                f"{', '.join(CODED_LABELS)}, or delete the row"
            )
        elif label not in CODED_LABELS:
            problems.append(
                f"row {number}: label '{row['label']}' of unit '{unit}' is not one of "
                f"{', '.join(CODED_LABELS)}. Fix: correct the spelling (see the codebook)"
            )
        elif (unit, coder) in seen:
            problems.append(
                f"row {number}: unit '{unit}' is coded by '{coder}' again (first in row "
                f"{seen[(unit, coder)]}). Fix: keep one of the two rows"
            )
        else:
            seen[(unit, coder)] = number
            records.append(
                {"unit_id": unit, "coder": coder, "label": label, "file": path.name, "row": number}
            )
    if problems:
        more = len(problems) - _MAX_PROBLEMS
        listed = "; ".join(problems[:_MAX_PROBLEMS]) + (f"; and {more} more" if more > 0 else "")
        raise MediaframeError(f"{path}: {len(problems)} problem(s) in the coded sheet: {listed}.")
    return pl.DataFrame(records, schema=CODED_SCHEMA)


def read_coded_folder(files: Sequence[str | Path], known_ids: Iterable[str]) -> pl.DataFrame:
    """Every coded file, concatenated; the same coder coding a unit in two files stops
    the import."""
    known = set(known_ids)
    frames = [read_coded_sheet(f, known) for f in files]
    coded = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=CODED_SCHEMA)
    twice = coded.filter(pl.len().over("unit_id", "coder") > 1).sort("unit_id", "file", "row")
    if twice.height:
        first = twice.row(0, named=True)
        other = twice.filter(
            (pl.col("unit_id") == first["unit_id"]) & (pl.col("coder") == first["coder"])
        ).row(1, named=True)
        raise MediaframeError(
            f"{other['file']}, row {other['row']}: unit '{first['unit_id']}' is coded by "
            f"'{first['coder']}' in two files (also {first['file']}, row {first['row']}). Fix: "
            "give each coder their own file, or keep the unit in one file only."
        )
    return coded.sort("unit_id", "coder")


def tie_rule(labels: Sequence[str]) -> str:
    """The gold label when the most frequent labels tie (no adjudication given).

    A tie between stance labels is ``neutral`` (the codebook's label for "a mix that
    leans neither way": coders who split between readings have found no clear lean);
    a tie between ``not_actor`` and one stance label keeps that stance label (one coder
    did read the unit as a mention), with several stance labels tied, ``neutral``.
    """
    stance = sorted({label for label in labels if label != "not_actor"})
    if len(stance) == 1:
        return stance[0]
    return "neutral" if stance else "not_actor"


def gold_labels(coded: pl.DataFrame, adjudicator: str | None = None) -> pl.DataFrame:
    """One gold label per coded unit, with how it was reached."""
    rows = []
    grouped = coded.group_by("unit_id").agg("coder", "label").sort("unit_id")
    for unit, coders, labels in grouped.iter_rows():
        decided = [lab for c, lab in zip(coders, labels, strict=True) if c == adjudicator]
        votes = [lab for c, lab in zip(coders, labels, strict=True) if c != adjudicator]
        counts = Counter(votes).most_common()
        if decided:
            gold, source = decided[0], "adjudicated"
        elif len(votes) == 1:
            gold, source = votes[0], "single"
        elif len(counts) == 1:
            gold, source = counts[0][0], "unanimous"
        elif counts[0][1] > counts[1][1]:
            gold, source = counts[0][0], "majority"
        else:
            top = [label for label, n in counts if n == counts[0][1]]
            gold, source = tie_rule(top), "tie"
        rows.append(
            {
                "unit_id": unit,
                "gold": gold,
                "source": source,
                "coders": len(votes),
                "labels": " · ".join(
                    f"{c}: {lab}" for c, lab in sorted(zip(coders, labels, strict=True))
                ),
            }
        )
    return pl.DataFrame(rows, schema=GOLD_SCHEMA)
