"""Topic words as written: surface forms of folded keys, and inflection groups."""

import polars as pl

from mediaframe.topics.words import (
    SurfaceForms,
    TopicStopwords,
    inflection_groups,
    split_terms,
    topic_terms,
)


def shown(*texts, merged=None):
    forms = SurfaceForms()
    terms = [topic_terms(t, TopicStopwords(), surfaces=forms, merged=merged) for t in texts]
    return forms, terms


def test_each_key_shows_its_most_frequent_written_form():
    forms, terms = shown(
        "أعلن الرئيسُ عودة اللاجئين إلى إسرائيل",
        "وقال الرئيس إن لللاجئين حقوقا في إسرائيل",
        "تحدث رئيس الحكومة عن الصلاة والجائزة",
    )
    assert "رييس" in terms[0] and "لاجيين" in terms[0]  # c-TF-IDF still counts folded keys
    assert forms.show("رييس") == "الرئيس"  # 2 × الرئيس (one with a diacritic), 1 × رئيس
    assert forms.show("لاجيين") == "اللاجئين"  # لل + word counts as the article form
    assert forms.show("اسراييل") == "إسرائيل"
    assert forms.show("صلاه") == "الصلاة" and forms.show("جايزه") == "الجائزة"
    assert forms.show("رييس حكومه") == "الرئيس الحكومة"  # a bigram shows its words
    assert forms.show("unseen") == "unseen"
    germany, terms = shown("زار ألمانيا وإيطاليا")
    assert germany.show(terms[0].split()[1]) == "ألمانيا"  # أل is no article


def test_ties_are_broken_the_same_way_every_time_and_case_is_kept():
    one, _ = shown("Trump spoke. trump spoke.")
    two, _ = shown("trump spoke. Trump spoke.")
    assert one.show("trump") == two.show("trump") == "Trump"  # 1:1, first in sort order
    majority, _ = shown("trump trump Trump")
    assert majority.show("trump") == "trump"


def test_surface_forms_survive_the_cache_round_trip():
    forms, _ = shown("الأمم المتحدة والأمم المتحدة وللأممِ")
    frame = forms.to_frame()
    assert frame.columns == ["key", "surface", "count"]
    again = SurfaceForms.from_frame(frame)
    assert again.counts == forms.counts and again.show("امم متحده") == "الأمم المتحدة"
    assert pl.DataFrame(frame).filter(pl.col("key") == "امم")["count"].sum() == 3


def test_inflections_merge_only_into_a_base_the_corpus_writes():
    counts = {
        "لاجي": 5,
        "لاجيين": 9,
        "روسي": 4,
        "روسيه": 6,
        "روسيين": 2,
        "روسيا": 30,
        "شركه": 7,
        "شركات": 4,
        "فلسطين": 8,
        "مواطن": 3,
        "مواطنون": 2,
        "سياره": 1,
        "سيارات": 5,
        "news": 3,
    }
    groups = inflection_groups(counts)
    assert groups == {
        "لاجيين": "لاجي",
        "روسيه": "روسي",
        "روسيين": "روسي",
        "شركات": "شركه",
        "مواطنون": "مواطن",
    }
    # a country and its adjective stay apart; no base, no merge (فلسطين, سيارات: base seen once)
    assert "روسيا" not in groups and "فلسطين" not in groups and "سيارات" not in groups


def test_merged_words_count_as_one_term_and_show_the_commonest_form():
    merged = inflection_groups({"لاجي": 3, "لاجيين": 5})
    forms, terms = shown("عاد اللاجئين", "عاد اللاجئين", "وصل لاجئ", merged=merged)
    assert all("لاجيين" not in t for t in terms)
    assert sum(split_terms(t).count("لاجي") for t in terms) == 3
    assert forms.show("لاجي") == "اللاجئين"
