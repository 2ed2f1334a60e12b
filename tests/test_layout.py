"""The library's layout reads as the pipeline: one package per stage, imports only
from the same or an earlier stage, no cycles; and each rule's code inputs are the
modules its script (or report notebook) really loads."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from mediaframe.import_graph import LIBRARY, import_graph, library_closure

CORE = {
    "mediaframe",
    "io",
    "errors",
    "normalize",
    "text",
    "reliability",
    "import_graph",
    "environment",
    "docstore",
}
STAGES = ["core", "ingest", "clean", "embed", "topics", "actors", "stance", "validation", "report"]


def stage_of(module: str) -> str:
    part = module.split(".")[1] if "." in module else "mediaframe"
    return "core" if part in CORE else part


def test_every_module_belongs_to_a_stage():
    unknown = {m for m in import_graph() if stage_of(m) not in STAGES}
    assert not unknown, f"modules outside the stage packages and the core: {sorted(unknown)}"


def test_no_stage_imports_a_later_stage():
    backwards = [
        f"{module} ({stage_of(module)}) imports {other} ({stage_of(other)})"
        for module, imports in import_graph().items()
        for other in imports
        if STAGES.index(stage_of(other)) > STAGES.index(stage_of(module))
    ]
    assert not backwards, "\n".join(backwards)


def test_no_import_cycles():
    graph = import_graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join([*path, module]))
        if module in done:
            return
        for other in sorted(graph.get(module, ())):
            visit(other, [*path, module])
        done.add(module)

    for module in graph:
        visit(module, [])


def test_stage_packages_import_nothing_so_rules_depend_only_on_what_they_use():
    for init in sorted(LIBRARY.glob("*/__init__.py")):
        if init.parent.name in {"stance", "embed"}:
            continue  # plug-in factories: their imports sit inside the functions
        assert not import_graph()[f"mediaframe.{init.parent.name}"], init


def closure_of(*entries: str) -> set[str]:
    files = library_closure([ROOT / entry for entry in entries], LIBRARY)
    return {f.relative_to(LIBRARY).as_posix() for f in files}


def test_a_rule_depends_on_the_modules_its_script_loads_and_no_others():
    clean = closure_of("workflow/scripts/clean.py")
    assert {"clean/pages.py", "clean/inline.py", "clean/sentences.py", "io.py"} <= clean
    assert {"clean/__init__.py", "__init__.py"} <= clean  # parents run on import
    assert not {"clean/duplicates.py", "clean/ledger.py", "ingest/read.py"} & clean
    # Learning boilerplate groups duplicate pages first: it depends on duplicates.py.
    assert "clean/duplicates.py" in closure_of("workflow/scripts/learn_boilerplate.py")


def test_a_stance_rule_depends_on_stance_and_on_the_embedders_it_imports():
    stance = closure_of("workflow/scripts/score_stance.py")
    assert {"stance/embedding.py", "stance/lexicon.py", "stance/nli.py"} <= stance
    assert {"embed/use.py", "embed/e5.py", "embed/cache.py"} <= stance
    assert not any(name.startswith(("topics/", "actors/", "clean/")) for name in stance)


def test_a_report_depends_on_what_its_notebook_imports():
    actors = closure_of("workflow/scripts/render_report.py", "analysis/actors.ipynb")
    corpus = closure_of("workflow/scripts/render_report.py", "analysis/corpus.ipynb")
    assert {"report/actors.py", "report/helpers.py", "stance/embedding.py"} <= actors
    assert {"report/corpus.py", "clean/ledger.py"} <= corpus
    assert "stance/embedding.py" not in corpus


def test_a_new_rule_script_needs_no_list(tmp_path: Path):
    script = tmp_path / "validate.py"
    script.write_text("from mediaframe.stance.aggregate import bootstrap_interval\n")
    assert "clean/duplicates.py" in closure_of(str(script))


def stage_diagram() -> str:
    """The stages from last to first, each with its modules and the stages it imports."""
    graph = import_graph()
    lines = []
    for stage in reversed(STAGES):
        modules = sorted(
            module.rsplit(".", 1)[-1] if stage == "core" else module.split(".", 2)[-1]
            for module in graph
            if stage_of(module) == stage and module.count(".") >= (1 if stage == "core" else 2)
        )
        below = {
            stage_of(other)
            for module in graph
            if stage_of(module) == stage
            for other in graph[module]
        }
        below = sorted(below - {stage}, key=STAGES.index, reverse=True)
        lines.append(f"{stage:<11} {' '.join(modules) or '(none yet)'}")
        if below:
            lines.append(f"{'':<11}   └─> {', '.join(below)}")
    return "\n".join(lines)


def test_readme_draws_the_import_graph_as_it_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    diagram = stage_diagram()
    assert f"```\n{diagram}\n```" in readme, f"update README's import graph to:\n{diagram}"
