"""The Arabic news stance data set: mention units drawn from SaudiNewsNet, coded by people.

SaudiNewsNet (31,030 articles from 14 Saudi outlets, Jul-Aug 2015; CC BY-NC-SA 4.0) may not
be copied into this repository, so the data set stores no text: each unit is the article's
URL, the character offsets of the sentence and of the mention in the article's raw
``content``, and a hash of the sentence. :func:`rebuild` reads ``../shared/data`` again,
cuts the texts out and checks every hash, so a changed copy of the corpus fails loudly
instead of silently training on other sentences.

Sampling (:func:`sample_units`, seeded; the README's data card repeats it):

* Population: every mention of the sampling actors (:data:`SAMPLING_ACTORS`, 25 actors of
  many kinds, wider than the default registry) in a sentence of 5-80 words of an article's
  raw ``content``, sentences split by the project's splitter; an exact repeat of a sentence
  (syndicated wire copy) counts once, at its first occurrence.
* Test split, by outlet: every unit of :data:`TEST_OUTLETS` (about a quarter of the
  corpus) is a simple random sample of the population's mentions in those outlets, so its
  figures estimate accuracy on those outlets' mentions as they occur. Sentences that also
  occur in a training outlet are kept out of training.
* Training split, the other outlets: at most ``per_actor`` units per actor, half drawn
  from sentences with an evaluative word of the project lexicon near the mention
  (oversampling polar units, which are rare) and half at random; units are weighted by
  nothing, since they only train and tune.

Example:
    >>> units = sample_units(read_saudinewsnet(path), seed=20261126)
    >>> units.columns[:4]
    ['unit_id', 'split', 'outlet', 'url']
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from mediaframe.actors.matching import Actor, ActorMatcher
from mediaframe.clean.sentences import split_sentences
from mediaframe.errors import MediaframeError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "arabic_news_stance"
UNITS_FILE = DATA_DIR / "units.csv"
CODES_FILE = DATA_DIR / "codes.csv"
CORPUS = Path("saudinewsnet") / "saudinewsnet.jsonl.gz"

LABELS = ("negative", "neutral", "positive", "not_actor")
TEST_OUTLETS = ("okaz", "alwatan", "sabq", "alweeam")
SEED = 20261126
SECOND_ROUND_SEED = 20261127
MIN_WORDS, MAX_WORDS = 5, 80

# The actors units are sampled for: states, leaders, armed groups, parties and
# organisations that SaudiNewsNet covers most, plus the Syrian war's actors. Adjectives
# of origin are included on purpose, so that coders meet the codebook's rule 6.
SAMPLING_ACTORS: dict[str, list[str]] = {
    "syrian_government": [
        "النظام السوري",
        "نظام الأسد",
        "نظام بشار",
        "الحكومة السورية",
        "قوات النظام",
        "الجيش السوري",
        "بشار الأسد",
        "الأسد",
    ],
    "syrian_opposition": [
        "المعارضة السورية",
        "الجيش الحر",
        "الجيش السوري الحر",
        "الائتلاف الوطني السوري",
        "الائتلاف السوري",
        "فصائل المعارضة",
        "المعارضة المسلحة",
        "الثوار",
    ],
    "isis": ["داعش", "تنظيم الدولة", "الدولة الإسلامية", "البغدادي"],
    "nusra_qaeda": ["جبهة النصرة", "تنظيم القاعدة", "القاعدة"],
    "iran": ["إيران", "طهران", "الإيراني", "الحرس الثوري", "خامنئي", "روحاني", "ظريف"],
    "hezbollah": ["حزب الله", "نصر الله"],
    "houthis": ["الحوثي", "الحوثيين", "الحوثيون", "الحوثية", "أنصار الله"],
    "saleh": ["علي عبدالله صالح", "علي عبد الله صالح", "المخلوع"],
    "yemen_government": ["الحكومة اليمنية", "الحكومة الشرعية", "الرئيس هادي", "منصور هادي"],
    "saudi_coalition": ["التحالف العربي", "قوات التحالف", "طيران التحالف", "التحالف"],
    "israel": ["إسرائيل", "الإسرائيلي", "الاحتلال الإسرائيلي", "تل أبيب", "نتنياهو"],
    "hamas": ["حماس"],
    "egypt": ["مصر", "القاهرة", "المصري", "السيسي"],
    "qatar": ["قطر", "الدوحة", "القطري"],
    "turkey": ["تركيا", "أنقرة", "التركي", "أردوغان"],
    "russia": ["روسيا", "موسكو", "الروسي", "بوتين"],
    "united_states": ["الولايات المتحدة", "واشنطن", "أمريكا", "الأمريكي", "أوباما", "كيري"],
    "united_nations": ["الأمم المتحدة", "مجلس الأمن", "ولد الشيخ", "دي ميستورا"],
    "muslim_brotherhood": ["الإخوان", "الإخوان المسلمين", "جماعة الإخوان"],
    "hashd": ["الحشد الشعبي"],
    "pkk_ypg": ["حزب العمال الكردستاني", "وحدات حماية الشعب", "الكردستاني"],
    "iraq_government": ["الحكومة العراقية", "الجيش العراقي", "العبادي"],
    "france": ["فرنسا", "باريس", "الفرنسي"],
    "united_kingdom": ["بريطانيا", "لندن", "البريطاني"],
    "palestinian_authority": ["السلطة الفلسطينية", "عباس", "أبو مازن"],
}

# The actors of the Syrian war, sampled again in the second training round.
SECOND_ROUND_ACTORS = (
    "syrian_government",
    "syrian_opposition",
    "isis",
    "nusra_qaeda",
    "iran",
    "hezbollah",
    "turkey",
    "russia",
    "united_states",
    "pkk_ypg",
)


@dataclass(frozen=True)
class Article:
    """One SaudiNewsNet record: its line number, outlet, URL and raw content."""

    line: int
    outlet: str
    url: str
    content: str


def read_saudinewsnet(data: Path) -> Iterator[Article]:
    """Yield the corpus's records in file order (``data`` is ``../shared/data``)."""
    path = data / CORPUS
    if not path.exists():
        raise MediaframeError(
            f"{path} does not exist. Fix: pass --data pointing at the shared data folder "
            "that holds saudinewsnet/saudinewsnet.jsonl.gz (see the README's data card)."
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line, text in enumerate(handle):
            record = json.loads(text)
            yield Article(line, record["source"], record["url"], record["content"] or "")


def sentence_hash(sentence: str) -> str:
    """The check the rebuild makes: the first 16 hex digits of the sentence's SHA-256."""
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:16]


def sampling_matcher() -> ActorMatcher:
    return ActorMatcher(
        [Actor(id=actor, aliases={"ar": aliases}) for actor, aliases in SAMPLING_ACTORS.items()]
    )


def population(articles: Iterator[Article], matcher: ActorMatcher) -> pl.DataFrame:
    """Every mention of a sampling actor in a distinct sentence of 5-80 words."""
    rows = []
    seen: set[str] = set()
    for article in articles:
        for start, end in split_sentences(article.content):
            sentence = article.content[start:end]
            words = len(sentence.split())
            if not MIN_WORDS <= words <= MAX_WORDS:
                continue
            digest = sentence_hash(sentence)
            if digest in seen:
                continue
            seen.add(digest)
            for match in matcher.find(sentence):
                rows.append(
                    {
                        "line": article.line,
                        "outlet": article.outlet,
                        "url": article.url,
                        "sentence_start": start,
                        "sentence_end": end,
                        "mention_start": start + match.start,
                        "mention_end": start + match.end,
                        "sentence_sha": digest,
                        "actor": match.actor,
                        "alias": match.alias,
                        "sentence": sentence,
                        "mention_offset": match.start,
                    }
                )
    return pl.DataFrame(rows)


def _polar_near_mention(sentence: str, offset: int, terms: list[str]) -> bool:
    window = sentence[max(0, offset - 80) : offset + 80]
    return any(term in window for term in terms)


def sample_units(
    mentions: pl.DataFrame,
    lexicon_terms: list[str],
    *,
    test_units: int = 720,
    per_actor: int = 100,
    seed: int = SEED,
) -> pl.DataFrame:
    """Draw the test split (simple random sample in the test outlets) and the training
    split (per actor, half polar-oversampled, half random) from the population."""
    rng = random.Random(seed)
    test_population = mentions.filter(pl.col("outlet").is_in(TEST_OUTLETS))
    test_sentences = set(test_population["sentence_sha"])
    test_rows = test_population.to_dicts()
    test = rng.sample(test_rows, min(test_units, len(test_rows)))
    for row in test:
        row["split"] = "test"
        row["inclusion_probability"] = len(test) / len(test_rows)
        row["drawn_as"] = "simple random"

    pool = mentions.filter(
        ~pl.col("outlet").is_in(TEST_OUTLETS) & ~pl.col("sentence_sha").is_in(test_sentences)
    )
    train = _training_draw(pool, list(SAMPLING_ACTORS), lexicon_terms, per_actor, rng, "")
    units = pl.DataFrame(test + train).sort("split", "line", "mention_start")
    order = list(range(len(units)))
    rng.shuffle(order)
    return _unit_columns(units.with_columns(pl.Series("unit_id", [f"sn{n:05d}" for n in order])))


def sample_more(
    mentions: pl.DataFrame,
    units: pl.DataFrame,
    lexicon_terms: list[str],
    *,
    actors: tuple[str, ...] = SECOND_ROUND_ACTORS,
    per_actor: int = 50,
    test_units: int = 40,
    seed: int = SECOND_ROUND_SEED,
) -> pl.DataFrame:
    """The data set after the second round: ``units`` plus more training units for
    ``actors`` (drawn like the first round's training split from the training outlets'
    mentions that are not units yet) and ``test_units`` more draws of the test split's
    simple random sample (so the test split stays a simple random sample, now a larger
    one, and keeps >= 20% of the units); every test unit's inclusion probability is
    updated; new ids continue after the last unit."""
    rng = random.Random(seed)
    test_population = mentions.filter(pl.col("outlet").is_in(TEST_OUTLETS))
    taken = units.select("url", "mention_start")
    pool = mentions.filter(
        ~pl.col("outlet").is_in(TEST_OUTLETS)
        & ~pl.col("sentence_sha").is_in(test_population["sentence_sha"].implode())
    ).join(taken, on=["url", "mention_start"], how="anti")
    train = pl.DataFrame(
        _training_draw(pool, list(actors), lexicon_terms, per_actor, rng, ", round 2")
    ).sort("line", "mention_start")
    first = int(units["unit_id"].str.slice(2).cast(pl.Int64).max()) + 1
    order = list(range(first, first + train.height))
    rng.shuffle(order)
    train = train.with_columns(pl.Series("unit_id", [f"sn{n:05d}" for n in order]))

    remaining = test_population.join(taken, on=["url", "mention_start"], how="anti")
    left = remaining.sort("line", "mention_start").to_dicts()
    test = rng.sample(left, min(test_units, len(left)))
    first += train.height
    test_frame = pl.DataFrame(
        [
            row | {"unit_id": f"sn{first + n:05d}", "split": "test", "drawn_as": "simple random"}
            for n, row in enumerate(test)
        ]
    )
    sampled = units.filter(pl.col("split") == "test").height + len(test)
    probability = sampled / test_population.height
    added = _unit_columns(pl.concat([train, test_frame], how="diagonal_relaxed"))
    return (
        pl.concat([units, added.cast(units.schema)])
        .with_columns(
            pl.when(pl.col("split") == "test")
            .then(pl.lit(probability))
            .otherwise(pl.col("inclusion_probability"))
            .alias("inclusion_probability")
        )
        .sort("unit_id")
    )


def _training_draw(
    pool: pl.DataFrame,
    actors: list[str],
    lexicon_terms: list[str],
    per_actor: int,
    rng: random.Random,
    round_name: str,
) -> list[dict]:
    """Per actor, at most ``per_actor`` units: half from sentences with an evaluative
    lexicon term near the mention, the rest at random."""
    train: list[dict] = []
    for actor in actors:
        rows = pool.filter(pl.col("actor") == actor).to_dicts()
        rng.shuffle(rows)
        polar = [
            r
            for r in rows
            if _polar_near_mention(r["sentence"], r["mention_offset"], lexicon_terms)
        ]
        taken: list[dict] = []
        used: set[tuple[str, int]] = set()
        for source, name in ((polar, "polar"), (rows, "random")):
            for row in source:
                if len(taken) >= (per_actor // 2 if name == "polar" else per_actor):
                    break
                key = (row["url"], row["mention_start"])
                if key in used:
                    continue
                used.add(key)
                taken.append({**row, "drawn_as": name + round_name})
        for row in taken:
            row["split"] = "train"
            row["inclusion_probability"] = None
        train += taken
    return train


def _unit_columns(units: pl.DataFrame) -> pl.DataFrame:
    return units.select(
        "unit_id",
        "split",
        "outlet",
        "url",
        "line",
        "sentence_start",
        "sentence_end",
        "mention_start",
        "mention_end",
        "sentence_sha",
        "actor",
        "alias",
        "drawn_as",
        "inclusion_probability",
    ).sort("unit_id")


def rebuild(units: pl.DataFrame, data: Path) -> pl.DataFrame:
    """The units with their sentence, the mention and the marked sentence, cut from the
    raw corpus in ``data``; a sentence whose hash differs stops with a message."""
    wanted = set(units["line"].to_list())
    contents = {a.line: a for a in read_saudinewsnet(data) if a.line in wanted}
    sentences, mentions, marked = [], [], []
    for row in units.iter_rows(named=True):
        article = contents.get(row["line"])
        if article is None or article.url != row["url"]:
            raise MediaframeError(
                f"unit {row['unit_id']}: line {row['line']} of {data / CORPUS} is not "
                f"{row['url']}. Fix: use the unmodified SaudiNewsNet file."
            )
        sentence = article.content[row["sentence_start"] : row["sentence_end"]]
        if sentence_hash(sentence) != row["sentence_sha"]:
            raise MediaframeError(
                f"unit {row['unit_id']}: the sentence at {row['sentence_start']}-"
                f"{row['sentence_end']} of {row['url']} does not match its stored hash. "
                "Fix: use the unmodified SaudiNewsNet file."
            )
        start = row["mention_start"] - row["sentence_start"]
        end = row["mention_end"] - row["sentence_start"]
        sentences.append(sentence)
        mentions.append(sentence[start:end])
        marked.append(f"{sentence[:start]}⟦{sentence[start:end]}⟧{sentence[end:]}")
    return units.with_columns(
        pl.Series("sentence", sentences, dtype=pl.String),
        pl.Series("mention", mentions, dtype=pl.String),
        pl.Series("marked", marked, dtype=pl.String),
    )


def final_labels(codes: pl.DataFrame) -> pl.DataFrame:
    """The final label of each unit: the two coders' label where they agree, else the
    adjudicator's (the third reading); a disagreement without adjudication stops."""
    missing = codes.filter(
        (pl.col("label_a") != pl.col("label_b")) & pl.col("adjudication").is_null()
    )
    if missing.height:
        raise MediaframeError(
            f"{CODES_FILE}: {missing.height} disagreements have no adjudication "
            f"(first: {missing['unit_id'][0]}). Fix: add the third reading's label."
        )
    return codes.with_columns(
        pl.when(pl.col("label_a") == pl.col("label_b"))
        .then(pl.col("label_a"))
        .otherwise(pl.col("adjudication"))
        .alias("final")
    )


def read_codes(path: Path = CODES_FILE) -> pl.DataFrame:
    """The stored coder labels (one row per unit: both coders, the adjudication, final)."""
    codes = pl.read_csv(path, schema_overrides={"adjudication": pl.String})
    invalid = codes.filter(
        ~pl.col("label_a").is_in(LABELS)
        | ~pl.col("label_b").is_in(LABELS)
        | (pl.col("adjudication").is_not_null() & ~pl.col("adjudication").is_in(LABELS))
    )
    if invalid.height:
        raise MediaframeError(
            f"{path}: unit {invalid['unit_id'][0]} has a label outside {', '.join(LABELS)}. "
            "Fix: correct the label."
        )
    return final_labels(codes)


def lexicon_terms(path: Path | None = None) -> list[str]:
    """The Arabic terms of the project lexicon with |valence| >= 0.3: what marks a
    sentence as likely polar for oversampling."""
    from mediaframe.stance.lexicon import default_lexicon_path

    lexicon = pl.read_csv(path or default_lexicon_path())
    return [
        term
        for term in lexicon.filter(pl.col("valence").abs() >= 0.3)["term"].to_list()
        if any("\u0600" <= char <= "\u06ff" for char in term)
    ]


def nominal_alpha(codes: pl.DataFrame) -> tuple[float | None, float | None, float | None]:
    """Krippendorff's alpha (nominal, four labels) of the two independent readings, before
    adjudication, with its bootstrap 95% interval (units resampled)."""
    from mediaframe.reliability import alpha_with_interval

    matrix = np.array(
        [[LABELS.index(label) for label in codes[f"label_{slot}"]] for slot in ("a", "b")],
        dtype=float,
    )
    return alpha_with_interval(matrix, "nominal", resamples=1000, seed=SEED)


def training_frame(
    data: Path, split: str, units_path: Path = UNITS_FILE, codes_path: Path = CODES_FILE
) -> pl.DataFrame:
    """The coded units of ``split`` with their final label, as a stance frame (the
    scorers' input plus ``gold``); units coded ``not_actor`` are left out."""
    frame = rebuild(coded_units(split, units_path, codes_path), data)
    return frame.select(
        pl.col("url").alias("doc_id"),
        pl.lit("body").alias("kind"),
        pl.lit(None, dtype=pl.Int64).alias("comment"),
        pl.col("line").alias("sentence"),
        pl.col("actor"),
        pl.col("mention").alias("matched"),
        pl.col("sentence").alias("sentence_text"),
        (pl.col("mention_start") - pl.col("sentence_start")).alias("start"),
        (pl.col("mention_end") - pl.col("sentence_start")).alias("end"),
        pl.col("final").alias("gold"),
        pl.col("outlet"),
        pl.col("unit_id"),
    )


def coded_units(
    split: str, units_path: Path = UNITS_FILE, codes_path: Path = CODES_FILE
) -> pl.DataFrame:
    """The stored units of ``split`` that have a stance (not ``not_actor``), with their
    final label in ``final``; no text (see :func:`rebuild`)."""
    codes = read_codes(codes_path).select("unit_id", "final")
    return (
        read_units(units_path)
        .filter(pl.col("split") == split)
        .join(codes, on="unit_id")
        .filter(pl.col("final") != "not_actor")
    )


def read_units(path: Path = UNITS_FILE) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides={"inclusion_probability": pl.Float64})


def main(argv: list[str] | None = None) -> None:
    """``python -m mediaframe.stance.arabic_news {sample,check,alpha}``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["sample", "check", "alpha"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=UNITS_FILE)
    args = parser.parse_args(argv)
    if args.command == "sample":
        mentions = population(read_saudinewsnet(args.data), sampling_matcher())
        terms = lexicon_terms()
        units = sample_more(mentions, sample_units(mentions, terms), terms)
        units.write_csv(args.out)
        print(f"{units.height} units (both rounds) -> {args.out}")
    elif args.command == "check":
        units = read_units()
        rebuilt = rebuild(units, args.data)
        print(f"{rebuilt.height} units rebuilt from {args.data}; every sentence hash matches")
    else:
        codes = read_codes()
        agreed = (codes["label_a"] == codes["label_b"]).mean()
        print(
            f"{codes.height} units coded twice; agreement {agreed:.3f}; "
            "Krippendorff's alpha (nominal, before adjudication) "
            "{:.3f} [{:.3f}, {:.3f}]".format(*nominal_alpha(codes))
        )
        print(codes.group_by("final").len().sort("final"))


if __name__ == "__main__":
    main()
