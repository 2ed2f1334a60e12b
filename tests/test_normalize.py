import pytest

from mediaframe.clean.sentences import split_sentences
from mediaframe.normalize import FOLD_ALL, Folding, normalize_arabic, normalize_with_offsets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الأميركيّة", "الامريكيه"),
        ("إسطنبول", "اسطنبول"),
        ("آرام", "ارام"),
        ("مصطفى", "مصطفي"),
        ("الـــولايات", "الولايات"),
        ("٢٠٢٢", "2022"),
        ("Reuters", "reuters"),
    ],
)
def test_folding_unifies_spelling_variants(raw, expected):
    assert normalize_arabic(raw) == expected


def test_offsets_point_back_to_original_characters():
    text = "قالَ الـمتحدث"
    normalised, offsets = normalize_with_offsets(text)
    assert normalised == "قال المتحدث"
    start = normalised.index("المتحدث")
    assert text[offsets[start] : offsets[start + len("المتحدث") - 1] + 1] == "الـمتحدث"


def test_case_is_kept_when_asked():
    assert normalize_with_offsets("US forces", folding=Folding(lowercase=False))[0] == "US forces"


def spans(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_arabic_sentence_ends():
    text = "أعلن الجيش الأمريكي وقف الدوريات. هل تستمر العمليات؟ لا؛ توقفت كلها!\nسطر جديد"
    assert spans(text) == [
        "أعلن الجيش الأمريكي وقف الدوريات.",
        "هل تستمر العمليات؟",
        "لا؛",
        "توقفت كلها!",
        "سطر جديد",
    ]


def test_numbers_and_abbreviations_do_not_end_sentences():
    text = "U.S. officials said 3.5 million people fled. Mr. Kirby agreed."
    assert spans(text) == ["U.S. officials said 3.5 million people fled.", "Mr. Kirby agreed."]


def test_offsets_are_exact():
    text = "  أولى.  ثانية.  "
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end]


@pytest.mark.parametrize(
    "text",
    ["الأميركيّة والـولايات ١٢", "Washington's U.S. İstanbul", "ﻻ تهديد", "plain text", "قسدُ\u200f"],
)
def test_fast_and_per_character_folding_agree(text):
    from mediaframe.normalize import _fold_fast, _fold_per_character

    fast, fast_offsets = _fold_fast(text, FOLD_ALL)
    slow, slow_offsets = _fold_per_character(text, FOLD_ALL)
    if fast is not None:
        assert (fast, list(fast_offsets)) == (slow, slow_offsets)
    assert normalize_with_offsets(text, ())[0] == slow


def test_folding_flags_and_polars_expression_agree():
    import polars as pl

    text = "الأميركيّة إلى مدرسة ١٢٣ عامـــاً"
    assert Folding().apply(text) == "الاميركيه الي مدرسه 123 عاما"
    partial = Folding(teh_marbuta=False, digits=False)
    assert partial.apply(text) == "الاميركية الي مدرسة ١٢٣ عاما"
    assert pl.DataFrame({"t": [text]}).select(partial.expr(pl.col("t"))).item() == partial.apply(
        text
    )


def test_lowering_only_the_texts_that_can_change_misses_no_character():
    # every code point: a text of it alone (and after Arabic) lowers as str.to_lowercase does
    import polars as pl

    from mediaframe.normalize import lowercase_expr

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = pl.DataFrame({"t": chars + ["سوريا " + c for c in chars[::7]] + [None]})
    fast = texts.select(lowercase_expr(pl.col("t")))["t"]
    assert fast.equals(texts["t"].str.to_lowercase())
    assert texts.select(pl.col("t").str.to_lowercase() != pl.col("t")).sum().item() > 1000
