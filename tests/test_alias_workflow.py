"""The alias rules in a real run: rejected matches reach the actors report's alias audit
and never its example sentences."""

from __future__ import annotations

import re

import polars as pl
import pytest

from conftest import copy_project, snakemake

pytestmark = pytest.mark.workflow

PAGE = """واشنطن تعيد النظر في الغارات على مواقع داعش في سوريا

قالت الخارجية الأمريكية إن الطائرات أوقفت الغارات على مواقع داعش شمال سوريا بعد هجوم مفاجئ.
وارتفع الدولار الأمريكي أمام الليرة التركية في أسواق المال أمس بعد بيانات الوظائف.
وكان حافظ الأسد قد حكم البلاد ثلاثين عاما قبل أن يخلفه ابنه في عام ألفين.
وقال الأسد في خطاب متلفز إن الجيش يواجه نقصا في عدد الجنود في الشمال.
وشنت طائرات التحالف غارات على مواقع الحوثيين في صنعاء وصعدة ليلة أمس.
"""
REJECTED = ("الدولار الأمريكي", "حافظ الأسد")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("aliases"))
    for page in (root / "seeds").glob("*.txt"):
        page.unlink()
    (root / "seeds" / "aliases.txt").write_text(PAGE, encoding="utf-8")
    snakemake(root)
    return root


def test_rejected_matches_are_audited_and_never_examples(project):
    rejected = pl.concat(
        [
            pl.read_parquet(p)
            for p in sorted((project / "results/seed/actors/rejected").glob("*.parquet"))
        ]
    )
    assert {("الأمريكي", "adjective"), ("التركي", "adjective"), ("الأسد", "family_name")} <= set(
        rejected.select("alias", "rule").rows()
    )
    mentions = pl.concat(
        [
            pl.read_parquet(p)
            for p in sorted((project / "results/seed/stance/mentions").glob("*.parquet"))
        ]
    )
    assert {("united_states", "الأمريكي"), ("syrian_government", "الأسد")} <= set(
        mentions.select("actor", "alias").rows()
    )
    assert ("saudi_coalition", "التحالف") in mentions.select("actor", "alias").rows()
    page = (project / "reports/seed/actors.html").read_text(encoding="utf-8")
    examples = re.search(r"Example mentions per actor.*?</table>", page, re.S).group()
    assert "الجيش يواجه نقصا" in examples and "الخارجية الأمريكية" in examples
    for phrase in REJECTED:
        assert phrase not in examples, phrase
    audit = re.search(r"Alias audit.*?</table>", page, re.S).group()
    assert "adjective" in audit and "family_name" in audit
    shown = re.search(r"Rejected matches.*?</table>", page, re.S).group()
    assert "الدولار" in shown and "حافظ" in shown
