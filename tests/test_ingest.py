import json

import polars as pl
import pytest

from mediaframe.errors import MediaframeError
from mediaframe.ingest import FieldMapping, partition, read_corpus, shard_of


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_txt_jsonl_csv_and_parquet_with_stable_ids(tmp_path):
    write(tmp_path / "a1.txt", "عنوان\n\nنص المقال هنا.")
    write(
        tmp_path / "b.jsonl",
        json.dumps(
            {
                "id": "j1",
                "title": "T",
                "body": "Washington halts patrols.",
                "site": "wire",
                "date": "2022-12-03",
            }
        )
        + "\n",
    )
    write(
        tmp_path / "c.csv",
        "id,title,body,site,date\nc1,Title,Ankara warns the SDF.,daily,2022-12-04\n",
    )
    pl.DataFrame(
        {"id": ["p1"], "title": ["P"], "body": ["Moscow is silent."], "site": ["x"], "date": [None]}
    ).write_parquet(tmp_path / "d.parquet")
    fields = FieldMapping(
        id="id",
        title="title",
        text="body",
        outlet="site",
        published="date",
        url=None,
        language=None,
    )
    docs, rejects = read_corpus(sorted(tmp_path.iterdir()), fields, default_outlet="unknown")
    assert rejects.is_empty()
    assert docs["doc_id"].to_list() == ["a1", "c1", "j1", "p1"]
    by_id = {row["doc_id"]: row for row in docs.iter_rows(named=True)}
    assert by_id["a1"]["outlet"] == "unknown"
    assert by_id["j1"]["outlet"] == "wire"
    assert str(by_id["c1"]["published"]) == "2022-12-04"
    assert by_id["p1"]["text"] == "Moscow is silent."


def test_bad_records_are_rejected_with_reasons_not_lost(tmp_path):
    good = json.dumps({"id": "g", "text": "نص جيد"})
    write(
        tmp_path / "x.jsonl",
        f"{good}\n{{not json\n{json.dumps(['list'])}\n{json.dumps({'id': 'e', 'text': '   '})}\n{good}\n",
    )
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad bytes \x81")
    docs, rejects = read_corpus(sorted(tmp_path.iterdir()), FieldMapping(), default_outlet="o")
    assert docs["doc_id"].to_list() == ["g"]
    reasons = dict(zip(rejects["record"], rejects["reason"], strict=True))
    assert "malformed JSON line" in reasons[2]
    assert reasons[3] == "JSON line is not an object"
    assert reasons[4] == "empty text"
    assert reasons[5] == "duplicate doc_id 'g'"
    assert any("not valid UTF-8" in r for r in rejects["reason"])
    # five JSON lines + one text file: every record is accounted for
    assert docs.height + rejects.height == 6


def test_missing_text_column_names_file_and_fix(tmp_path):
    write(tmp_path / "c.csv", "id,headline\n1,hello\n")
    with pytest.raises(MediaframeError, match=r"c\.csv.*'text'.*corpus\.fields\.text"):
        read_corpus([tmp_path / "c.csv"], FieldMapping(), default_outlet="o")


def test_unknown_extension_names_the_fix(tmp_path):
    write(tmp_path / "a.docx", "x")
    with pytest.raises(MediaframeError, match=r"corpus\.format"):
        read_corpus([tmp_path / "a.docx"], FieldMapping(), default_outlet="o")


def test_shards_are_stable_and_cover_every_document():
    docs = pl.DataFrame({"doc_id": [f"d{i}" for i in range(50)], "text": ["x"] * 50})
    parts = partition(docs, 3)
    assert sum(p.height for p in parts) == 50
    assert shard_of("d7", 3) == shard_of("d7", 3)
    assert {d for p in parts for d in p["doc_id"]} == set(docs["doc_id"])
    assert all(p.height > 0 for p in parts)
