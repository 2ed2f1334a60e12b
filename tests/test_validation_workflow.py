"""The validation loop in the real pipeline: export the sheet, code it as two coders,
rerun; only the validation steps run and the report shows α, F1 and corrected figures."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

from conftest import FIXTURES, code_sheet_as_two_coders, copy_project, planned_jobs, snakemake

pytestmark = pytest.mark.workflow


def known_label(sentence: str) -> str:
    """Labels a coder would give, from words the codebook names (known in advance)."""
    if "ميليشيا" in sentence or "تنظيم داعش" in sentence:
        return "negative"
    return "neutral"


@pytest.fixture(scope="module")
def coded_project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("validation"))
    shutil.copy(FIXTURES / "script_article.txt", root / "seeds" / "script_article.txt")
    snakemake(root)
    # the second coder disagrees on every fifth unit
    sheet = code_sheet_as_two_coders(root, known_label, every=5, second_label="positive")
    jobs = planned_jobs(root)
    snakemake(root)
    return root, sheet, jobs


def test_sheet_is_exported_blind_with_codebook(coded_project):
    root, sheet, _ = coded_project
    assert sheet.height > 10 and sheet.columns[:2] == ["unit_id", "actor"]
    assert sheet["sentence"].str.contains("⟦").all()
    assert (root / "results/seed/validation/coding_sheet.xlsx").stat().st_size > 3000
    assert (root / "results/seed/validation/coding_sheet.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    codebook = (root / "results/seed/validation/codebook.html").read_text(encoding="utf-8")
    assert "ميليشيا قسد" in codebook and 'dir="auto"' in codebook


def test_adding_coded_sheets_reruns_only_the_validation_steps(coded_project):
    _, _, jobs = coded_project
    assert jobs == {"import_coded": 1, "validate_stance": 1, "render_report": 1, "all": 1}


def test_report_shows_agreement_accuracy_and_corrected_estimates(coded_project):
    root, _, _ = coded_project
    page = (root / "reports/seed/validation.html").read_text(encoding="utf-8")
    assert "Krippendorff" in page and "macro-F1" in page and "corrected [95% CI]" in page
    assert "coders and model agree on" in page and "corrected share negative" in page
    assert "No coded sheets yet" not in page and "Traceback" not in page
    agreement = pl.read_parquet(root / "results/seed/validation/agreement.parquet")
    overall = agreement.filter((pl.col("actor") == "all") & (pl.col("level") == "nominal"))
    assert overall["coders"].item() == 2 and 0 < overall["alpha"].item() < 1
    estimates = pl.read_parquet(root / "results/seed/validation/estimates.parquet")
    sdf = estimates.filter(
        (pl.col("actor") == "sdf")
        & (pl.col("dimension") == "overall")
        & (pl.col("quantity") == "share_negative")
    ).row(0, named=True)
    assert sdf["coded"] == sdf["mentions"]  # a small corpus is coded in full
    gold = pl.read_parquet(root / "results/seed/validation/gold.parquet")
    assert set(gold["source"]) <= {"unanimous", "tie"}
    index = (root / "reports/seed/index.html").read_text(encoding="utf-8")
    assert 'href="validation.html"' in index
    assert planned_jobs(root) == {}


def test_a_bad_coded_sheet_stops_with_file_row_and_fix(coded_project, tmp_path):
    root, _, _ = coded_project
    bad = root / "validation" / "coded" / "carla.csv"
    bad.write_text("unit_id,label,coder\nnot-a-unit,negative,carla\n", encoding="utf-8")
    try:
        result = snakemake(root, check=False)
    finally:
        bad.unlink()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "carla.csv: 1 problem(s)" in output and "row 2: unit id 'not-a-unit'" in output
    assert "Fix: copy unit ids" in output and "Traceback (most recent call last)" not in output
