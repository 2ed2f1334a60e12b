"""The real workflow on a corpus of 260 outlets with a long tail (most have one article):
the reports rank outlets, group the rest, hide empty rows, and link every full table as
a CSV file beside the page instead of truncating it."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import polars as pl
import pytest

from conftest import add_to_config_list, copy_project, snakemake

pytestmark = pytest.mark.workflow

REPORTS = Path("reports/seed")  # reports/<corpus.name>/
SMALL_OUTLETS = 250
LARGE_OUTLETS = {"daily.sy": 14, "alkhabar.net": 10, "wire.com": 8}
SENTENCES = [
    "قالت تركيا إن عملياتها ضد قسد في شمال سوريا ستستمر",
    "اتهمت قسد تركيا بقصف قرى في ريف الحسكة",
    "أعلنت واشنطن دعمها لقوات سوريا الديمقراطية في الحرب على داعش",
    "نفذ التحالف الدولي غارات على مواقع تنظيم داعش قرب دير الزور",
    "رحبت روسيا بالمحادثات بين دمشق وأنقرة",
    "ارتفعت أسعار الخبز في دمشق مع تراجع قيمة الليرة",
    "افتتحت وزارة التربية مدارس جديدة في ريف حلب",
    "حذرت الأمم المتحدة من أزمة مياه في شمال شرق سوريا",
]


def long_tail_corpus(path: Path) -> int:
    """Articles from three large outlets and 250 one-article outlets (generated here);
    only the large outlets have reader comments. Returns the number of articles."""
    rng = random.Random(15)
    outlets = [name for name, n in LARGE_OUTLETS.items() for _ in range(n)]
    outlets += [f"site{i:03d}.com" for i in range(SMALL_OUTLETS)]
    records = []
    for number, outlet in enumerate(outlets):
        body = ". ".join(rng.sample(SENTENCES, 4)) + f". وذكر المراسل في التقرير رقم {number} ذلك."
        comments = (
            [{"id": f"c{number}", "text": "تركيا تعتدي على قسد ولا أحد يتحرك"}]
            if outlet in LARGE_OUTLETS
            else []
        )
        records.append(
            {
                "id": f"a{number:03d}",
                "title": f"تقرير {number}: {SENTENCES[number % len(SENTENCES)]}",
                "text": body,
                "outlet": outlet,
                "published": f"2024-03-{1 + number % 28:02d}",
                "comments": comments,
            }
        )
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return len(records)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("long-tail"))
    (root / "corpus").mkdir()
    articles = long_tail_corpus(root / "corpus" / "outlets.jsonl")
    add_to_config_list(root, "    - seeds/*.txt\n", ["corpus/outlets.jsonl"])
    config = (root / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("  top_outlets: 15\n", "  top_outlets: 5\n", 1)
    (root / "config.yaml").write_text(config, encoding="utf-8")
    snakemake(root, *(str(REPORTS / f"{name}.html") for name in ("corpus", "topics", "actors")))
    return root, articles + 1  # and the seed article


def page(root: Path, name: str) -> str:
    return (root / REPORTS / f"{name}.html").read_text(encoding="utf-8")


def linked_csvs(html: str) -> list[str]:
    return re.findall(r'href="(tables/[^"]+\.csv)"', html)


def test_every_linked_table_is_written_in_full_and_nothing_is_truncated(project):
    root, _ = project
    for name in ("corpus", "topics", "actors"):
        html = page(root, name)
        links = linked_csvs(html)
        assert links, name
        for link in links:
            assert (root / REPORTS / link).is_file(), link
        assert "Showing " not in html, name  # no silently truncated table
        assert "Traceback" not in html, name


def test_outlets_are_ranked_and_the_long_tail_is_one_row(project):
    root, articles = project
    html = page(root, "corpus")
    outlets = SMALL_OUTLETS + len(LARGE_OUTLETS) + 1  # and the seed's outlet
    assert f"the 5 outlets with most articles of {outlets:,}, the rest as one row" in html
    assert f"{outlets - 5:,} other outlets" in html
    assert html.index("daily.sy") < html.index("alkhabar.net") < html.index("wire.com")
    every = pl.read_csv(root / REPORTS / "tables/corpus/articles_per_outlet.csv")
    assert every.height == outlets and int(every["articles"].sum()) == articles
    # the comments table lists the outlets with comments and says how many it left out
    assert f"{outlets - 4:,} outlet(s) without any reader comment are not listed" in html
    comments = pl.read_csv(root / REPORTS / "tables/corpus/comments_per_outlet.csv")
    assert comments.height == outlets and comments["outlet"][0] == "daily.sy"


def test_topic_and_stance_tables_by_outlet_stay_short(project):
    root, _ = project
    topics = page(root, "topics")
    assert "tables/topics/topics.csv" in topics and "tables/topics/topics_per_outlet.csv" in topics
    assert "other outlets" in topics
    actors = page(root, "actors")
    assert "tables/actors/stance_outlet.csv" in actors
    stance = pl.read_csv(root / REPORTS / "tables/actors/stance_outlet.csv")
    # one-article outlets are "too few" cells: in the CSV file, not on the page
    assert stance.filter(pl.col("group") == "site000.com")["too_few"].all()
    assert "site000.com" not in actors.split("Stance per outlet")[1].split("</table>")[0]
    assert re.search(r"[\d,]+ outlet group\(s\) in which every actor's cell is too few", actors)
