"""Alias precision on SaudiNewsNet: draw seeded samples of actor mentions to judge by hand,
then score the judgements.

Precision here is the share of sampled mentions whose alias names the actor it is
counted for (the codebook's rule 6: an adjective of origin or a country name that only
describes a thing or a place is no mention; another person or another alliance of the
same name is the wrong referent). The samples:

- ``assad``: mentions whose alias is الأسد (the bare family name);
- ``coalition``: mentions whose alias is التحالف (either coalition actor);
- ``adjectives``: mentions through an adjective of origin (:data:`ADJECTIVES`), pooled;
- ``all``: mentions of every alias.

``rejected`` draws, for a recall check, mentions that one registry (``--before``)
counts and another (``--config``) rejects, with the rule and reason that rejected them:
judge how many were true actor mentions.

Usage (the sentences come from the pipeline's own ingest and clean, built once)::

    python bench/alias_precision.py sample --config config.yaml --out /tmp/after.csv
    git show main:config.yaml > /tmp/main_config.yaml
    python bench/alias_precision.py sample --config /tmp/main_config.yaml --out /tmp/before.csv
    # judge: fill the column ``correct`` (1 or 0) and ``note``, then
    python bench/alias_precision.py score /tmp/after.csv
    # a fresh sample: another seed (the README says which seeds were judged)
    python bench/alias_precision.py sample --seed 7219 --config config.yaml --out FILE
    # only N random mentions over all aliases (one seeded sample, for an independent judge)
    python bench/alias_precision.py sample --seed SEED --samples all --size 100 --out FILE
    # recall: mentions main (its code and registry) counts that this one rejects;
    # run `sample --keep /tmp/main_mentions.parquet` in a checkout of main first
    python bench/alias_precision.py rejected --before /tmp/main_mentions.parquet \
        --config config.yaml --out /tmp/rejected.csv

``make bench`` runs :func:`run`, which only says how to use this script: the figures
need a person's judgement. The last figures are in the README ("Alias rules and the alias audit").
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SEED = 14
SIZES = {"assad": 50, "coalition": 50, "adjectives": 50, "all": 100}
# Adjectives of origin of the actors, as configured (the default registry's and main's
# before it); a sample pools their mentions.
ADJECTIVES = (
    "الأمريكي",
    "التركي",
    "أتراك",
    "الروسي",
    "الإيراني",
    "السوري",
    "American",
    "Turkish",
    "Russian",
    "Iranian",
    "Syrian",
)
CONTEXT = 110  # characters shown on each side of the mention


def sentences_table(cache: Path):
    """The sentences of SaudiNewsNet as the pipeline cleans them, built once."""
    import polars as pl

    if not cache.exists():
        from actors_bench import build_sentences

        with tempfile.TemporaryDirectory() as folder:
            build_sentences(Path(folder))
            pl.read_parquet(Path(folder) / "sentences.parquet").write_parquet(cache)
    return pl.read_parquet(cache)


def draw(mentions, seed: int = SEED, samples=tuple(SIZES), size: int | None = None):
    """The samples named in ``samples`` (default all four), seeded, each a frame with a
    ``sample`` column; ``size`` mentions each instead of :data:`SIZES`."""
    import polars as pl

    pools = {
        "assad": mentions.filter(pl.col("alias") == "الأسد"),
        "coalition": mentions.filter(pl.col("alias") == "التحالف"),
        "adjectives": mentions.filter(pl.col("alias").is_in(ADJECTIVES)),
        "all": mentions,
    }
    frames = []
    for name, pool in pools.items():
        if pool.is_empty() or name not in samples:
            continue
        drawn = pool.sample(n=min(size or SIZES[name], pool.height), seed=seed, shuffle=True)
        frames.append(drawn.with_columns(pl.lit(name).alias("sample")))
    return pl.concat(frames)


def marked(sentence: str, start: int, end: int) -> str:
    left = sentence[max(0, start - CONTEXT) : start]
    right = sentence[end : end + CONTEXT]
    return f"{left}⟦{sentence[start:end]}⟧{right}".replace("\n", " ")


def mentions_of(config: Path, cache: Path):
    """The mentions and rejected matches a config's registry finds in SaudiNewsNet."""
    import yaml

    from mediaframe.actors.matching import match_sentences, matcher_from_config

    section = yaml.safe_load(config.read_text(encoding="utf-8"))["actors"]
    return match_sentences(sentences_table(cache), matcher_from_config(section))


def sample(
    config: Path,
    out: Path,
    cache: Path,
    seed: int = SEED,
    keep: Path | None = None,
    samples=tuple(SIZES),
    size: int | None = None,
) -> None:
    import polars as pl

    mentions = mentions_of(config, cache)[0]
    if keep is not None:
        mentions.write_parquet(keep)
    drawn = draw(mentions, seed, samples, size)
    table = drawn.select(
        "sample",
        pl.int_range(pl.len()).over("sample").alias("item"),
        "doc_id",
        "actor",
        "alias",
        *judging_columns(),
    )
    table.write_csv(out)
    counts = mentions.group_by("alias").len()
    pools = {
        "assad": counts.filter(pl.col("alias") == "الأسد")["len"].sum(),
        "coalition": counts.filter(pl.col("alias") == "التحالف")["len"].sum(),
        "adjectives": counts.filter(pl.col("alias").is_in(ADJECTIVES))["len"].sum(),
        "all": mentions.height,
    }
    print(f"{mentions.height:,} mentions; samples written to {out}")
    for name, count in pools.items():
        if name in samples:
            print(f"   {name}: {count:,} mentions, sample {min(size or SIZES[name], count)}")


def judging_columns() -> list:
    """The columns a judge reads and fills: the sentence with the mention marked, an
    empty ``correct`` (1 or 0) and ``note``."""
    import polars as pl

    return [
        pl.struct("sentence_text", "start", "end")
        .map_elements(
            lambda m: marked(m["sentence_text"], m["start"], m["end"]), return_dtype=pl.String
        )
        .alias("context"),
        pl.lit(None, dtype=pl.Int64).alias("correct"),
        pl.lit("").alias("note"),
    ]


KEY = ("doc_id", "kind", "comment", "sentence", "start")


def rejected(before: Path, config: Path, out: Path, cache: Path, size: int, seed: int) -> None:
    """A seeded sample of the mentions ``before`` counts and ``config`` rejects (or no
    longer finds), with the rule and reason, to judge how many were true mentions.
    ``before`` is a config, or the mentions another checkout wrote with ``sample
    --keep`` (a .parquet file: its code and registry, e.g. main's)."""
    import polars as pl

    if before.suffix == ".parquet":
        counted = pl.read_parquet(before)
    else:
        counted = mentions_of(before, cache)[0]
    now, refused = mentions_of(config, cache)
    lost = counted.join(now.select(KEY), on=KEY, how="anti", nulls_equal=True).join(
        refused.select(*KEY, "rule", "reason"), on=KEY, how="left", nulls_equal=True
    )
    drawn = lost.sample(n=min(size, lost.height), seed=seed, shuffle=True)
    drawn.select(
        pl.lit("rejected").alias("sample"),
        pl.int_range(pl.len()).alias("item"),
        "doc_id",
        "actor",
        "alias",
        "rule",
        "reason",
        *judging_columns(),
    ).write_csv(out)
    print(
        f"{counted.height:,} mentions before, {now.height:,} now; {lost.height:,} no longer "
        f"counted, by rule: {dict(lost.group_by('rule').len().sort('len').rows())}; "
        f"sample of {drawn.height} written to {out} (correct = 1: it was a true mention)"
    )


def wilson(correct: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson 95% interval of a proportion."""
    if total == 0:
        return (math.nan, math.nan)
    share = correct / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return (centre - half / (1 + z * z / total), centre + half / (1 + z * z / total))


def score(judged: Path) -> None:
    import polars as pl

    table = pl.read_csv(judged, schema_overrides={"correct": pl.Int64})
    missing = table.filter(pl.col("correct").is_null())
    if missing.height:
        print(f"{judged}: {missing.height} items have no judgement (column correct).")
    for name in (*SIZES, "rejected"):
        part = table.filter((pl.col("sample") == name) & pl.col("correct").is_not_null())
        if part.is_empty():
            continue
        right, total = int(part["correct"].sum()), part.height
        low, high = wilson(right, total)
        what = "were true mentions" if name == "rejected" else "correct"
        print(
            f"   {name}: {right}/{total} = {right / total:.1%} {what} "
            f"(Wilson 95% interval {low:.1%}–{high:.1%})"
        )


def run() -> None:
    """``make bench``: the figures need a person's judgement, so only say how."""
    print(
        "   alias precision is judged by hand: python bench/alias_precision.py sample "
        "--config config.yaml --out FILE, fill the column correct, then "
        "python bench/alias_precision.py score FILE (README, Alias precision)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("sample", help="draw the samples to judge")
    drawing.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    drawing.add_argument("--out", type=Path, required=True)
    drawing.add_argument("--seed", type=int, default=SEED, help="seed of the samples")
    drawing.add_argument("--keep", type=Path, help="also write all mentions to this .parquet")
    drawing.add_argument(
        "--samples",
        nargs="+",
        choices=tuple(SIZES),
        default=tuple(SIZES),
        help="which samples to draw (default all four; 'all': random mentions of every alias)",
    )
    drawing.add_argument("--size", type=int, help=f"mentions per sample (default {SIZES})")
    lost = commands.add_parser(
        "rejected", help="draw mentions one registry counts and another rejects"
    )
    lost.add_argument(
        "--before",
        type=Path,
        required=True,
        help="the config that counts them, or a .parquet of mentions written by sample --keep",
    )
    lost.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    lost.add_argument("--out", type=Path, required=True)
    lost.add_argument("--size", type=int, default=60)
    lost.add_argument("--seed", type=int, default=SEED)
    for command in (drawing, lost):
        command.add_argument(
            "--sentences",
            type=Path,
            default=Path(tempfile.gettempdir()) / "saudinewsnet_sentences.parquet",
            help="where the cleaned sentences are kept between runs",
        )
    scoring = commands.add_parser("score", help="precision of a judged sample file")
    scoring.add_argument("judged", type=Path)
    args = parser.parse_args()
    if args.command in ("sample", "rejected") and not DATA.exists():
        sys.exit(f"{DATA} is absent (SaudiNewsNet is not shipped with the project).")
    if args.command == "sample":
        sample(args.config, args.out, args.sentences, args.seed, args.keep, args.samples, args.size)
    elif args.command == "rejected":
        rejected(args.before, args.config, args.out, args.sentences, args.size, args.seed)
    else:
        score(args.judged)


if __name__ == "__main__":
    main()
