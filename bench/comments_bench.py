"""Ingest + clean of SaudiNewsNet with a synthetic load of reader comments given as data.

SaudiNewsNet has no comments, so this benchmark generates them (seeded, not timed): for
each of the 31,030 articles 0-20 comments (about 10 on average), their text taken from
sentences of other articles, a tenth with HTML line breaks, a third of them replies to
an earlier comment, times as relative Arabic times, ISO dates or Unix timestamps. It
writes them two ways: nested in each article record (``corpus.fields.comments``) and as
a separate JSONL comments file keyed by article id (``corpus.comments``), and runs the
pipeline's own ingest, boilerplate learning and cleaning on each, plus the same without
comments, each in its own process. Prints articles/s and comments/s of ingest + clean,
peak memory, and how many comments were kept or rejected (and whether the comment ledger
balances). The issue's target is ingest + clean >= 1,000 articles/s. Skips with a message
when the data set is absent.

Run by hand: ``python bench/comments_bench.py`` (or ``make bench``).
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child import absent, peak_mb, run_child

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
MAX_PER_ARTICLE = 20


def _comments(rng: random.Random, pool: list[str], article: int) -> list[dict]:
    comments = []
    for number in range(rng.randint(0, MAX_PER_ARTICLE)):
        text = rng.choice(pool)
        if rng.random() < 0.1:
            text = text.replace(" ", "<br>", 1)
        when = rng.random()
        time_text = (
            f"منذ {rng.randint(1, 23)} ساعة"
            if when < 0.5
            else "2015-08-0" + str(rng.randint(1, 9))
            if when < 0.8
            else 1438387200 + rng.randint(0, 86_400 * 30)
        )
        parent = f"{article}-{rng.randrange(number)}" if number and rng.random() < 0.33 else None
        comments.append(
            {
                "id": f"{article}-{number}",
                "parent": parent,
                "author": f"قارئ {rng.randint(1, 5000)}",
                "time": time_text,
                "text": text,
                "likes": rng.randint(0, 50),
            }
        )
    return comments


def build(folder: str) -> dict:
    """Write the two corpora (nested, separate) and the unchanged copy; not timed."""
    rng = random.Random(42)
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    pool = [
        sentence.strip()
        for record in rng.sample(records, 3000)
        for sentence in (record.get("content") or "").split(".")[:5]
        if 20 <= len(sentence.strip()) <= 300
    ]
    out = Path(folder)
    comments = 0
    with (
        gzip.open(out / "nested.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as nested,
        gzip.open(out / "plain.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as plain,
        gzip.open(out / "comments.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as separate,
    ):
        for number, record in enumerate(records, start=1):
            generated = _comments(rng, pool, number)
            comments += len(generated)
            plain.write(json.dumps(record, ensure_ascii=False) + "\n")
            nested.write(json.dumps(record | {"comments": generated}, ensure_ascii=False) + "\n")
            for comment in generated:
                row = comment | {"article_id": f"plain:{number}"}
                separate.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"articles": len(records), "comments": comments}


def ingest_and_clean(folder: str, shape: str) -> dict:
    """The pipeline's ingest (articles and comments), boilerplate learning and cleaning."""
    from clean_bench import _settings
    from mediaframe.clean.boilerplate import BoilerplateSettings, learn_boilerplate
    from mediaframe.clean.ledger import build_comment_ledger
    from mediaframe.clean.pages import CleaningRules, clean_documents
    from mediaframe.ingest.comments import CommentSettings, ingest_comments
    from mediaframe.ingest.read import read_corpus

    out = Path(folder)
    articles = out / ("nested.jsonl.gz" if shape == "nested" else "plain.jsonl.gz")
    comment_files = [out / "comments.jsonl.gz"] if shape == "separate" else []
    settings = CommentSettings()
    timings = {}
    start = time.perf_counter()
    documents, rejects, manifest, dropped = read_corpus([articles], _settings(), with_dropped=True)
    comments, comment_rejects, manifest = ingest_comments(
        documents, dropped, rejects, manifest, comment_files, settings
    )
    timings["ingest"] = time.perf_counter() - start
    mark = time.perf_counter()
    rules = CleaningRules()
    learned = learn_boilerplate(documents, BoilerplateSettings(), rules.comment_headings)
    timings["learn boilerplate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    tables = clean_documents(documents, rules, boilerplate=learned, comments=comments)
    timings["clean"] = time.perf_counter() - mark
    seconds = time.perf_counter() - start
    ledger = build_comment_ledger(
        manifest, comment_rejects, tables["comments"], tables["comment_rejects"], tables["articles"]
    )
    return {
        "timings": timings,
        "seconds": seconds,
        "records": int(manifest["records"].sum()),
        "comment_records": int(manifest["comments"].sum()),
        "comments": tables["comments"].height,
        "replies": int((tables["comments"]["depth"] > 0).sum()),
        "rejected": ledger.filter(ledger["outcome"] == "rejected").height,
        "ledger": ledger.height,
        "comment_sentences": int((tables["sentences"]["kind"] == "comment").sum()),
        "peak_mb": peak_mb(),
    }


def run() -> None:
    """Print the figures (``make bench`` calls this)."""
    if absent(DATA):
        return
    with tempfile.TemporaryDirectory() as folder:
        built = run_child(__file__, "--build", folder)
        print(
            f"   generated {built['comments']:,} comments on {built['articles']:,} SaudiNewsNet "
            "articles (seeded; not timed)"
        )
        for shape, label in (
            ("none", "no comments (baseline)"),
            ("nested", "comments nested in each record"),
            ("separate", "comments in a separate file"),
        ):
            r = run_child(__file__, "--run", folder, shape)
            rate = r["records"] / r["seconds"]
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in r["timings"].items())
            print(
                f"   {label}: ingest + clean {r['records']:,} articles and "
                f"{r['comment_records']:,} comment records in {r['seconds']:.1f} s = "
                f"{rate:,.0f} articles/s ({r['comment_records'] / r['seconds']:,.0f} comments/s); "
                f"{stages}; peak memory {r['peak_mb']:,.0f} MB"
            )
            if r["comment_records"]:
                balanced = r["ledger"] == r["comment_records"]
                kept = f"{r['comments']:,} comments kept ({r['replies']:,} replies, "
                kept += f"{r['comment_sentences']:,} sentences), {r['rejected']:,} rejected"
                print(f"      {kept}; comment ledger balanced: {balanced}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "workflow"))
    if len(sys.argv) > 1:
        step = {"--build": build, "--run": ingest_and_clean}[sys.argv[1]]
        print(json.dumps(step(*sys.argv[2:])))
    else:
        run()
