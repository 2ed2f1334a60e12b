"""Adaptation in the real pipeline: with validation.adapt on, coding the sheet (two
coders) reruns stance scoring and everything after it, and the validation report shows
agreement before and after adaptation, with out-of-fold labels for the coded units."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import FIXTURES, code_sheet_as_two_coders, copy_project, planned_jobs, snakemake
from mediaframe.io import read_parquets

pytestmark = pytest.mark.workflow


def known_label(sentence: str) -> str:
    """Labels a coder would give, from words the codebook names (known in advance)."""
    if any(w in sentence for w in ("ميليشيا", "تنظيم داعش", "الإرهاب")):
        return "negative"
    if any(w in sentence for w in ("تدعم", "حماية", "supports")):
        return "positive"
    return "neutral"


def split_seed(seeds: Path, articles: int = 6) -> None:
    """The seed article's body paragraphs as several articles, so that the coded units
    come from enough articles to be split into folds."""
    seed = next(seeds.glob("000_*.txt"))
    lines = seed.read_text(encoding="utf-8").splitlines()
    paragraphs = [line for line in lines[4:36] if len(line) > 100]
    seed.unlink()
    for index in range(articles):
        body = paragraphs[index::articles]
        title = f"تقرير {index + 1}: " + " ".join(body[0].split()[:6])
        (seeds / f"part_{index}.txt").write_text(
            "\n\n".join([title, *body]) + "\n", encoding="utf-8"
        )


@pytest.fixture(scope="module")
def adapted_project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("adapt"))
    split_seed(root / "seeds")
    shutil.copy(FIXTURES / "script_article.txt", root / "seeds" / "script_article.txt")
    config = (root / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("  adapt: false", "  adapt: true")
    config = config.replace("    folds: 5", "    folds: 3").replace(
        "    min_per_label: 3", "    min_per_label: 2"
    )
    (root / "config.yaml").write_text(config, encoding="utf-8")
    snakemake(root)
    before = read_parquets(sorted((root / "results/seed/stance/mentions").glob("*.parquet")))
    # the second coder reads every seventh unit as neutral
    code_sheet_as_two_coders(root, known_label, every=7, second_label="neutral")
    jobs = planned_jobs(root)
    snakemake(root)
    return root, before, jobs


def test_coding_with_adaptation_on_reruns_stance_scoring_and_what_follows(adapted_project):
    root, _, jobs = adapted_project
    assert jobs == {
        "import_coded": 1,
        "adapt_stance_head": 1,
        "score_stance": 2,
        "aggregate_stance": 1,
        "validate_stance": 1,
        "render_report": 2,
        "all": 1,
    }
    assert planned_jobs(root) == {}


def test_the_adapted_head_rescored_the_mentions(adapted_project):
    root, before, _ = adapted_project
    after = read_parquets(sorted((root / "results/seed/stance/mentions").glob("*.parquet")))
    assert after.height == before.height
    assert (after["evidence"] != before["evidence"]).any()  # new probabilities
    summary = pl.read_parquet(root / "results/seed/validation/adaptation.parquet")
    arabic = summary.filter(pl.col("language") == "ar").row(0, named=True)
    assert arabic["adapted"] and arabic["note"].startswith("adapted on")
    assert summary["folds"][0] == 3
    assert (
        summary.row(0, named=True)["macro_f1_after"]
        != summary.row(0, named=True)["macro_f1_before"]
    )


def test_coded_units_are_judged_by_their_out_of_fold_labels(adapted_project):
    root, _, _ = adapted_project
    crossfit = pl.read_parquet(root / "results/seed/validation/crossfit.parquet")
    gold = pl.read_parquet(root / "results/seed/validation/gold.parquet")
    assert crossfit.height == gold.height and set(crossfit["fold"]) == {0, 1, 2}
    stance = crossfit.filter(pl.col("gold") != "not_actor")
    accuracy = pl.read_parquet(root / "results/seed/validation/accuracy.parquet")
    overall = accuracy.filter(pl.col("dimension") == "overall").row(0, named=True)
    assert overall["accuracy"] == pytest.approx((stance["gold"] == stance["label"]).mean())
    summary = pl.read_parquet(root / "results/seed/validation/adaptation.parquet").row(
        0, named=True
    )
    assert summary["accuracy_after"] == pytest.approx(overall["accuracy"])
    assert summary["accuracy_before"] == pytest.approx(
        (stance["gold"] == stance["base_label"]).mean()
    )
    # every unit of this small corpus is coded, so the corrected share is the coders'
    estimates = pl.read_parquet(root / "results/seed/validation/estimates.parquet")
    sdf = estimates.filter(
        (pl.col("actor") == "sdf")
        & (pl.col("dimension") == "overall")
        & (pl.col("quantity") == "share_negative")
    ).row(0, named=True)
    units = pl.read_parquet(root / "results/seed/validation/units.parquet").select(
        "unit_id", "actor"
    )
    coders = gold.join(units, on="unit_id").filter(
        (pl.col("actor") == "sdf") & (pl.col("gold") != "not_actor")
    )
    assert sdf["coded"] == sdf["mentions"]
    assert sdf["corrected"] == pytest.approx((coders["gold"] == "negative").mean())


def test_report_shows_agreement_before_and_after_adaptation(adapted_project):
    root, _, _ = adapted_project
    page = (root / "reports/seed/validation.html").read_text(encoding="utf-8")
    assert "Agreement with the coders before and after adaptation" in page
    assert "macro-F1 after (cross-validated)" in page and "out-of-fold" in page
    assert "Adaptation is off" not in page and "Traceback" not in page
