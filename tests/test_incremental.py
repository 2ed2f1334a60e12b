"""A growing corpus: run, add a day's file, rerun. Only the new documents (and the old
ones whose learned boilerplate changed) are cleaned again; actors and stance compute only
the new documents; refit gives the outputs of a full run on the grown corpus; assign
keeps every earlier topic and puts the new articles in the saved model's topics."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import copy_project, snakemake
from mediaframe.clean.incremental import learned_in_documents

pytestmark = pytest.mark.workflow
NAME = "growing"
THEMES = {
    "football": [
        "فاز فريق الهلال على النصر في مباراة مثيرة ضمن الدوري",
        "سجل المهاجم هدفين في الشوط الثاني من المباراة",
        "يستعد المنتخب الوطني لخوض بطولة كأس آسيا المقبلة",
        "أعلن المدرب تشكيلة الفريق الأساسية قبل المباراة",
        "احتفل الجمهور بفوز النادي في الملعب حتى ساعة متأخرة",
        "تأهل النادي إلى نهائي البطولة بعد ركلات الترجيح",
        "أصيب لاعب الوسط في التدريبات وسيغيب أسبوعين",
        "وقع النادي عقدا مع حارس مرمى جديد لموسمين",
    ],
    "oil": [
        "ارتفعت أسعار النفط في الأسواق العالمية خلال تعاملات اليوم",
        "قررت منظمة أوبك الإبقاء على مستوى الإنتاج دون تغيير",
        "تراجع مؤشر البورصة بعد إعلان نتائج الشركات الفصلية",
        "أعلنت وزارة المالية تفاصيل الميزانية العامة للعام الجديد",
        "زاد معدل التضخم في الربع الأخير بسبب أسعار الغذاء",
        "توقع البنك المركزي نمو الاقتصاد بنسبة ثلاثة في المئة",
        "انخفضت صادرات الخام إلى آسيا الشهر الماضي",
        "رفعت الشركة توقعاتها للأرباح مع تحسن الطلب على الوقود",
    ],
    "war": [
        "قصفت تركيا مواقع لقوات سوريا الديمقراطية في ريف حلب الشمالي",
        "قالت واشنطن إنها تراقب الوضع في شمال سوريا عن كثب",
        "اتهمت تركيا قسد بتهديد أمن حدودها الجنوبية",
        "أعلنت الولايات المتحدة وقف العمليات المشتركة مع قسد مؤقتا",
        "نزح آلاف المدنيين من القرى الحدودية بعد القصف",
        "دعت الأمم المتحدة إلى حماية المدنيين ووقف التصعيد",
        "أكد البنتاغون أن قواته باقية في المنطقة لمحاربة داعش",
        "عقد مسؤولون أتراك وأمريكيون اجتماعا لبحث المنطقة الآمنة",
    ],
    "weather": [
        "توقعت الأرصاد هطول أمطار غزيرة على المناطق الجبلية",
        "انخفضت درجات الحرارة إلى ما دون الصفر ليلا",
        "حذر الدفاع المدني من السيول في الأودية المنخفضة",
        "تشهد البلاد موجة غبار تحد من مدى الرؤية",
        "ارتفعت نسبة الرطوبة على السواحل الغربية",
        "يتوقع أن تستمر الرياح النشطة حتى نهاية الأسبوع",
        "سجلت محطة الرصد أعلى درجة حرارة هذا الصيف",
        "نصحت الأرصاد السائقين بالحذر بسبب الضباب الكثيف",
    ],
}
MENU = "الرئيسية | سياسة | اقتصاد | رياضة | اتصل بنا"


def article(draw: random.Random, number: int, theme: str, outlet: str, day: str) -> dict:
    sentences = draw.sample(THEMES[theme], 5)
    lines = [f"{s}، وذلك بحسب ما أفاد به مراسلنا في التقرير رقم {number}." for s in sentences]
    if outlet == "alpha":
        lines.insert(0, MENU)
    return {
        "id": f"{outlet}-{number:03d}",
        "title": sentences[0],
        "text": "\n".join(lines),
        "outlet": outlet,
        "published": day,
    }


def day_one() -> list[dict]:
    draw = random.Random(1)
    rows, number = [], 0
    for theme, outlets in (
        ("football", ["alpha"]),
        ("oil", ["beta"]),
        ("war", ["alpha", "beta"]),
        ("weather", ["gamma"]),
    ):
        for i in range(8):
            rows.append(article(draw, number, theme, outlets[i % len(outlets)], "2024-03-01"))
            number += 1
    return rows


def day_two(old: list[dict]) -> list[dict]:
    draw = random.Random(2)
    rows = [
        article(draw, 100 + i, theme, outlet, "2024-03-02")
        for i, (theme, outlet) in enumerate(
            [("football", "alpha"), ("war", "alpha"), ("oil", "beta"), ("war", "beta")]
        )
    ]
    war = next(r for r in old if r["id"].startswith("beta") and "تركيا" in r["text"])
    rows.append(war | {"id": "beta-copy", "published": "2024-03-02"})  # a syndicated copy
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


CONFIG = """corpus:
  name: growing
  paths: [news/*.jsonl]
  fields: {{id: id, title: title, text: text, outlet: outlet, published: published,
           url: null, language: null, author: null, comments: null}}
  outlet_from: [field]
topics:
  min_documents: 10
  min_topic_size: 3
  stability: {{enabled: false}}
  update: {update}
"""
TARGETS = [
    f"results/{NAME}/clean/ledger.parquet",
    f"results/{NAME}/clean/comment_ledger.parquet",
    f"results/{NAME}/topics/doc_topics.parquet",
    f"results/{NAME}/stance/aggregates.parquet",
]


def run(root: Path, *extra: str) -> str:
    return snakemake(root, *TARGETS, *extra, "--configfile", "growing.yaml").stderr


def set_update(root: Path, update: str) -> None:
    (root / "growing.yaml").write_text(CONFIG.format(update=update), encoding="utf-8")


def store_counts(root: Path, stage: str) -> tuple[int, int]:
    """(computed, from the store) summed over the shards' logs of ``stage``."""
    computed = stored = 0
    for log in (root / "logs" / NAME / stage).glob("*.log"):
        found = re.findall(r"(\d+) documents computed, (\d+) from the store", log.read_text())
        computed += int(found[-1][0])
        stored += int(found[-1][1])
    return computed, stored


def embedded(root: Path) -> int:
    """Texts embedded (not taken from the cache) by the last embed jobs."""
    return sum(
        int(re.findall(r"(\d+) texts embedded", log.read_text())[-1])
        for log in (root / "logs" / NAME / "embed").glob("*.log")
    )


def shards(root: Path, table: str) -> pl.DataFrame:
    return pl.concat(
        pl.read_parquet(p) for p in sorted((root / "results" / NAME / table).glob("*.parquet"))
    )


def artifacts(root: Path) -> dict[str, bytes]:
    """Every parquet artifact of the corpus (not the per-document stores)."""
    folder = root / "results" / NAME
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.parquet"))
        if "store" not in p.relative_to(folder).parts
    }


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """First run on day one (assign mode); then copies updated with day two in assign
    and in refit mode, and a full run on both days."""
    base = tmp_path_factory.mktemp("incremental")
    old = day_one()
    new = day_two(old)
    first = copy_project(base / "first")
    write_jsonl(first / "news" / "day1.jsonl", old)
    set_update(first, "assign")
    run(first)
    snapshot = {
        "doc_topics": pl.read_parquet(first / f"results/{NAME}/topics/doc_topics.parquet"),
        "boilerplate": pl.read_parquet(first / f"results/{NAME}/clean/boilerplate.parquet"),
        "sentences": shards(first, "clean/sentences"),
        "mentions": shards(first, "actors/mentions"),
        "embed": shards(first, "embed"),
    }
    projects = {}
    for mode in ("assign", "refit"):
        project = base / mode
        shutil.copytree(first, project, symlinks=True)
        set_update(project, mode)
        write_jsonl(project / "news" / "day2.jsonl", new)
        extra = [f"reports/{NAME}/topics.html"] if mode == "assign" else []
        run(project, *extra)
        projects[mode] = project
    # A full rerun on the grown corpus: nothing of the corpus's own results, but the
    # shared cache (results/cache) as the update left it. USE's vectors move in the 7th
    # decimal with the batch a text is embedded in, so an empty cache would give vectors
    # that differ by about 1e-7 (the cache made that so before incremental runs, too).
    full = copy_project(base / "full")
    write_jsonl(full / "news" / "day1.jsonl", old)
    write_jsonl(full / "news" / "day2.jsonl", new)
    shutil.copytree(projects["refit"] / "results" / "cache", full / "results" / "cache")
    set_update(full, "refit")
    run(full)
    return {"old": old, "new": new, "first": snapshot, "full": full, **projects}


def test_refit_update_equals_a_full_run_on_the_grown_corpus(grown):
    updated, full = artifacts(grown["refit"]), artifacts(grown["full"])
    assert updated.keys() == full.keys() and len(updated) > 30
    assert [name for name in updated if updated[name] != full[name]] == []


def changed(before: pl.DataFrame, after: pl.DataFrame) -> set[str]:
    """Documents of ``after`` whose rows are not those of ``before`` (new ones included)."""
    return {
        doc_id
        for (doc_id,), rows in after.group_by("doc_id")
        if not rows.equals(before.filter(pl.col("doc_id") == doc_id))
    }


def test_only_new_and_changed_documents_are_embedded_analysed_and_scored(grown):
    new_ids = {r["id"] for r in grown["new"]}
    for mode in ("assign", "refit"):
        project = grown[mode]
        sentences = shards(project, "clean/sentences")
        # new documents, and old ones whose learned boilerplate changed their cleaning
        recleaned = changed(grown["first"]["sentences"], sentences)
        assert new_ids <= recleaned and len(recleaned) < sentences["doc_id"].n_unique() / 2
        assert store_counts(project, "actors") == (
            len(recleaned),
            sentences["doc_id"].n_unique() - len(recleaned),
        )
        # texts not embedded before (the syndicated copy's text was)
        hashes = set(shards(project, "embed")["text_hash"])
        assert embedded(project) == len(hashes - set(grown["first"]["embed"]["text_hash"]))
        mentions = shards(project, "actors/mentions")
        rescored = changed(grown["first"]["mentions"], mentions)
        assert new_ids & rescored
        assert store_counts(project, "score_stance") == (
            len(rescored),
            mentions["doc_id"].n_unique() - len(rescored),
        )


def test_old_documents_are_recleaned_exactly_when_their_learned_boilerplate_changed(grown):
    project = grown["refit"]
    documents = shards(project, "ingest/documents")
    before = learned_in_documents(documents, grown["first"]["boilerplate"])
    after = learned_in_documents(
        documents, pl.read_parquet(project / f"results/{NAME}/clean/boilerplate.parquet")
    )
    old_ids = {r["id"] for r in grown["old"]}
    changed = {
        doc_id
        for doc_id in old_ids
        if not before.filter(pl.col("doc_id") == doc_id).equals(
            after.filter(pl.col("doc_id") == doc_id)
        )
    }
    # the menu line of outlet alpha is learned, and its counts moved with alpha's new pages
    assert {d for d in old_ids if d.startswith("alpha")} <= changed
    # outlet gamma got no new page: none of its documents is cleaned again
    assert not {d for d in changed if d.startswith("gamma")}
    computed, stored = store_counts(project, "clean")
    assert computed == len(grown["new"]) + len(changed)
    assert stored == len(old_ids) - len(changed)


def test_assign_keeps_old_topics_and_assigns_new_articles_to_the_saved_model(grown):
    from mediaframe.embed.cache import vectors_of
    from mediaframe.topics.model import assign_saved_topics

    project = grown["assign"]
    results = project / "results" / NAME
    before = grown["first"]["doc_topics"]
    after = pl.read_parquet(results / "topics/doc_topics.parquet")
    # an article keeps its topic when its embedded text is the one of the first run
    hashes = shards(project, "embed").select("doc_id", "text_hash")
    same = hashes.join(grown["first"]["embed"], on=["doc_id", "text_hash"], how="semi")
    kept = after.join(same, on="doc_id", how="semi").select("doc_id", "topic")
    assert kept.height > before.height / 2
    assert kept.equals(before.join(same, on="doc_id", how="semi").select("doc_id", "topic"))
    new = after.join(same, on="doc_id", how="anti")
    assert {r["id"] for r in grown["new"]} <= set(new["doc_id"])
    fresh = new.filter(pl.col("duplicate_of").is_null()).sort("doc_id")
    vectors = shards(project, "embed").join(fresh, on="doc_id", how="semi").sort("doc_id")
    expected = assign_saved_topics(results / "topics/model", vectors_of(vectors))
    assert fresh["topic"].to_list() == expected.tolist()
    copy = new.filter(pl.col("doc_id") == "beta-copy").row(0, named=True)
    assert copy["duplicate_of"] is not None and not copy["in_fit"]
    assert copy["topic"] == after.filter(pl.col("doc_id") == copy["duplicate_of"])["topic"][0]
    summary = pl.read_parquet(results / "topics/summary.parquet").row(0, named=True)
    assert summary["update"] == "assign" and summary["fitted_at"] is not None
    assert summary["fit_documents"] == before.filter(pl.col("in_fit")).height
    assert summary["assigned"] == new.height
    assert summary["articles"] == len(grown["old"]) + len(grown["new"])
    page = (project / "reports" / NAME / "topics.html").read_text(encoding="utf-8")
    assert "topics.update: assign. The model was fitted at " in page
    assert f"on {summary['fit_documents']:,} articles" in page
    # refit, by contrast, fits again on the grown corpus
    refit = pl.read_parquet(grown["refit"] / f"results/{NAME}/topics/summary.parquet")
    assert refit["update"][0] == "refit" and refit["fitted_at"][0] is None
    assert refit["assigned"][0] == 0
