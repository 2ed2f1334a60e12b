import polars as pl
import pytest
import yaml

from conftest import ROOT
from mediaframe.actors.framing import Framer, FramingSettings
from mediaframe.actors.matching import Actor, ActorMatcher, find_mentions


@pytest.fixture(scope="module")
def analyse():
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    matcher = ActorMatcher([Actor.from_config(a) for a in config["actors"]["registry"]])
    framer = Framer(FramingSettings.from_config(config["framing"]))

    def run(*texts: str) -> dict[str, pl.DataFrame]:
        sentences = pl.DataFrame(
            {
                "doc_id": ["d"] * len(texts),
                "outlet": ["o"] * len(texts),
                "published": [None] * len(texts),
                "kind": ["body"] * len(texts),
                "comment": [None] * len(texts),
                "sentence": list(range(len(texts))),
                "start": [0] * len(texts),
                "end": [len(t) for t in texts],
                "text": list(texts),
            },
            schema_overrides={"published": pl.Date, "comment": pl.Int64},
        )
        return framer.analyse(sentences, find_mentions(sentences, matcher))

    return run


def test_labels_go_to_the_adjacent_actor(analyse):
    labels = analyse("أوقف الدوريات المشتركة مع ميليشيا قسد لمواجهة تنظيم داعش")["labels"]
    assert sorted(zip(labels["actor"], labels["label"], labels["valence"], strict=True)) == [
        ("isis", "تنظيم", None),
        ("sdf", "ميليشيا", -1.0),
    ]


def test_english_label_after_the_name(analyse):
    labels = analyse("Ankara shelled the SDF militia near Kobani.")["labels"]
    assert labels.select("actor", "label").rows() == [("sdf", "militia")]


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        ("أعلن الجيش الأمريكي أنه أوقف الدوريات العسكرية", "united_states", "reported"),
        ("وكانت قسد أعلنت أنها أوقفت جميع العمليات", "sdf", "reported"),
        ('وقال أردوغان: "سننقض على الإرهابيين براً أيضاً"', "turkey", "direct"),
        (
            "وكان وزير الدفاع الأمريكي لويد أوستن قد أكد لنظيره التركي أن واشنطن تعارض",
            "united_states",
            "reported",
        ),
        ("ونقلت رويترز عن المتحدث باسم قسد قوله إن العمليات توقفت", "sdf", "reported"),
        ("وذكر أن بلاده لا تريد أن يؤثر أي شيء على الشراكة مع قسد", None, "reported"),
        (
            'Kirby said "there are many reasons for concern" about Turkey.',
            "united_states",
            "direct",
        ),
    ],
)
def test_speakers_are_resolved_from_the_speakers_place(analyse, sentence, speaker, kind):
    (quote,) = analyse(sentence)["quotes"].iter_rows(named=True)
    assert (quote["speaker"], quote["quote_type"]) == (speaker, kind)


def test_short_quoted_names_are_not_quotes(analyse):
    quotes = analyse('وأطلقت وزارة الدفاع التركية عملية "المخلب - السيف" ضد مواقع قسد')["quotes"]
    assert quotes.is_empty()


def test_agencies_are_cited_through_clitics_and_in_english(analyse):
    out = analyse(
        'وجاء في بيان صادر عن الجيش الأمريكي أن "قواته أوقفت جميع العمليات"، بحسب "رويترز".',
        "AFP and Reuters reported the strikes, the AP said.",
    )
    assert out["agencies"].select("sentence", "agency").rows() == [
        (0, "Reuters"),
        (1, "AFP"),
        (1, "AP"),
        (1, "Reuters"),
    ]
    (first,) = out["quotes"].filter(pl.col("sentence") == 0).iter_rows(named=True)
    assert (first["speaker"], first["agency"], first["quote_type"]) == (
        "united_states",
        "Reuters",
        "direct",
    )


def test_unconfigured_names_after_titles_are_suggested(analyse):
    out = analyse(
        "وقال وزير الخارجية السوري فيصل المقداد إن الحل سياسي",
        "President Bashar al-Assad said nothing.",
        "وقال الرئيس التركي رجب طيب أردوغان إن",
    )
    assert sorted(out["suggestions"]["candidate"]) == ["Bashar al-Assad", "فيصل المقداد"]


def test_unmatched_speakers_of_reporting_verbs_are_suggested(analyse):
    out = analyse(
        "وقال فيصل المقداد إن الحل سياسي",
        "Aaron Stein said the strikes would continue.",
        "وقال أردوغان إن العملية مستمرة",
        "وقال وزير الخارجية السوري فيصل المقداد إن",
    )
    rows = sorted(out["suggestions"].select("candidate", "cue").rows())
    assert rows == [("Aaron Stein", "said"), ("فيصل المقداد", "قال"), ("فيصل المقداد", "وزير")]
    assert out["suggestions"]["sentence_text"].n_unique() == 3  # one row per name and sentence
