"""Per-document stores: unchanged documents come from the store, the others are computed,
and the merged tables equal a full computation; learned boilerplate reaches a document's
cleaning key only when its words occur in the document."""

from __future__ import annotations

import random

import polars as pl
from polars.testing import assert_frame_equal

from mediaframe.clean.incremental import clean_keys, learned_in_documents
from mediaframe.docstore import DocumentStore, document_keys, salt_of

ORDER = {"words": ["doc_id", "position"], "counts": ["doc_id"]}


def analyse(documents: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """A stand-in stage: one row per word (ties in position kept in order), one count."""
    words = (
        documents.select("doc_id", pl.col("text").str.split(" ").alias("word"))
        .explode("word")
        .with_columns((pl.col("word").str.len_chars() % 3).alias("position"))
        .sort(*ORDER["words"], maintain_order=True)
    )
    counts = words.group_by("doc_id").agg(pl.len().alias("words")).sort("doc_id")
    return {"words": words, "counts": counts}


def corpus(draw: random.Random, ids: list[str]) -> pl.DataFrame:
    vocabulary = ["قال", "واشنطن", "أنقرة", "news", "oil", "war", "هدنة", "x"]
    return pl.DataFrame(
        {
            "doc_id": ids,
            "text": [" ".join(draw.choices(vocabulary, k=draw.randint(1, 9))) for _ in ids],
        }
    )


def stage(store: DocumentStore, documents: pl.DataFrame, tmp_path, round_: int):
    def compute(doc_ids):
        return analyse(documents.filter(pl.col("doc_id").is_in(doc_ids.implode())))

    tables, reuse = store.run(document_keys(documents["doc_id"], documents), compute, ORDER)
    outputs = {}
    for name, frame in tables.items():
        outputs[name] = tmp_path / f"{name}-{round_}.parquet"
        frame.write_parquet(outputs[name])
    store.save(reuse, outputs)
    return tables, reuse


def test_a_grown_and_edited_corpus_equals_a_full_computation(tmp_path):
    for trial in range(20):
        draw = random.Random(trial)
        ids = [f"d{i:02d}" for i in range(draw.randint(0, 25))]
        old = corpus(draw, ids)
        store = DocumentStore(tmp_path / f"store-{trial}", "salt")
        stage(store, old, tmp_path, 2 * trial)
        # add documents, drop some, edit one
        added = corpus(draw, [f"n{i}" for i in range(draw.randint(0, 6))])
        grown = pl.concat([old.sample(fraction=0.8, seed=trial), added]).sort("doc_id")
        edited = grown["doc_id"][0] if grown.height else None
        if edited:
            grown = grown.with_columns(
                pl.when(pl.col("doc_id") == edited)
                .then(pl.col("text") + " edited")
                .otherwise(pl.col("text"))
                .alias("text")
            )
        tables, reuse = stage(store, grown, tmp_path, 2 * trial + 1)
        full = analyse(grown)
        for name in ORDER:
            assert_frame_equal(tables[name], full[name])
        unchanged = grown.join(old, on=["doc_id", "text"], how="semi").height
        assert (reuse.stored, reuse.computed) == (unchanged, grown.height - unchanged)


def test_another_salt_voids_the_store(tmp_path):
    documents = corpus(random.Random(0), ["a", "b"])
    stage(DocumentStore(tmp_path / "s", "one"), documents, tmp_path, 0)
    _, reuse = stage(DocumentStore(tmp_path / "s", "two"), documents, tmp_path, 1)
    assert (reuse.computed, reuse.stored) == (2, 0)
    _, reuse = stage(DocumentStore(tmp_path / "s", "two"), documents, tmp_path, 2)
    assert (reuse.computed, reuse.stored) == (0, 2)


def test_salt_reads_code_and_files_the_settings_name(tmp_path):
    code, head = tmp_path / "stage.py", tmp_path / "head.npz"
    code.write_text("A = 1\n")
    head.write_bytes(b"weights")
    salt = salt_of({"head": str(head)}, [code])
    head.write_bytes(b"other weights")
    assert salt_of({"head": str(head)}, [code]) != salt
    code.write_text("A = 2\n")
    assert salt_of({"head": str(head)}, [code]) != salt_of({"head": str(head)}, [head])


def boilerplate(rows: list[tuple[str, str, str, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "outlet": pl.String,
            "kind": pl.String,
            "key": pl.String,
            "documents": pl.Int64,
            "outlet_documents": pl.Int64,
        },
        orient="row",
    )


def test_learned_entries_reach_only_the_documents_that_hold_their_words():
    documents = pl.DataFrame(
        {
            "doc_id": ["a1", "a2", "b1"],
            "outlet": ["alpha", "alpha", "beta"],
            "title": ["عنوان", None, "Title"],
            # "اقرأ أيضاً:" folds to the key's words; "Share-this" splits at the hyphen
            "text": ["نص المقال\nاقرأ أيضاً: خبر", "نص آخر", "Body.\nShare-this article"],
        }
    )
    learned = boilerplate(
        [
            ("alpha", "line", "اقرا ايضا", 3, 10),
            ("alpha", "phrase", "share this article now", 4, 10),
            ("beta", "line", "share this article", 3, 9),
        ]
    )
    found = learned_in_documents(documents, learned)
    assert found.select("doc_id", "key").rows() == [
        ("a1", "اقرا ايضا"),
        ("b1", "share this article"),
    ]
    keys = clean_keys(documents, pl.DataFrame(schema={"doc_id": pl.String}), learned)
    counts_moved = learned.with_columns(
        pl.when(pl.col("outlet") == "alpha")
        .then(11)
        .otherwise(pl.col("outlet_documents"))
        .alias("outlet_documents")
    )
    moved = clean_keys(documents, pl.DataFrame(schema={"doc_id": pl.String}), counts_moved)
    changed = keys.join(moved, on=["doc_id", "key"], how="anti")["doc_id"].to_list()
    assert changed == ["a1"]  # a2 holds no learned words; beta's entries did not move
