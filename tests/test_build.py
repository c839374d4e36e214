"""Declarative builder tests: schema, splits, provenance, reproducibility, manifest pins."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from karabakh_news.build import StrictModeError, build
from karabakh_news.errors import ManifestError
from karabakh_news.manifest import MANIFEST_NAME, hash_split, read_manifest
from karabakh_news.schema import CONFIGS, SPLITS

from .conftest import ROOT


def _table(root: Path, config: str, split: str):  # type: ignore[no-untyped-def]
    return pq.read_table(root / "data" / config / f"{split}-00000-of-00001.parquet")


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("split", SPLITS)
def test_parquet_schema_is_the_declaration(built: Path, config: str, split: str) -> None:
    path = built / "data" / config / f"{split}-00000-of-00001.parquet"
    schema = pq.read_schema(path)
    declared = CONFIGS[config].arrow_schema
    assert schema.equals(declared, check_metadata=False)
    assert schema.metadata[b"huggingface"] == declared.metadata[b"huggingface"]
    assert [f.nullable for f in schema] == [f.nullable for f in CONFIGS[config].fields]


def test_every_split_holds_one_seed_article(built: Path) -> None:
    assert {s: _table(built, "articles", s).num_rows for s in SPLITS} == {s: 1 for s in SPLITS}


def test_splits_are_disjoint_by_article_across_configs(built: Path) -> None:
    owner: dict[str, str] = {}
    for split in SPLITS:
        for article_id in _table(built, "articles", split)["id"].to_pylist():
            assert article_id not in owner
            owner[article_id] = split
    for config in ("blocks", "lines", "quotes"):
        for split in SPLITS:
            ids = set(_table(built, config, split)["article_id"].to_pylist())
            assert ids and all(owner[i] == split for i in ids)


def test_provenance_and_no_local_paths(built: Path, raw_copy: Path) -> None:
    for split in SPLITS:
        for row in _table(built, "articles", split).to_pylist():
            raw = (raw_copy / row["source_file"]).read_bytes()
            assert row["source_sha256"] == hashlib.sha256(raw).hexdigest()
            assert row["source_file"] == f"{row['id']}.txt" and "/" not in row["id"]
    for path in [*built.rglob("*.parquet"), built / "README.md", built / "build_report.json"]:
        data = path.read_bytes()
        assert str(raw_copy).encode() not in data and str(built).encode() not in data and b"/tmp/" not in data


def test_blocks_offsets_point_into_the_body(built: Path) -> None:
    for split in SPLITS:
        bodies = {r["id"]: r["body"] for r in _table(built, "articles", split).to_pylist()}
        for b in _table(built, "blocks", split).to_pylist():
            assert bodies[b["article_id"]][b["char_start"] : b["char_end"]] == b["text"]


def test_lines_are_the_raw_lines(built: Path, raw_copy: Path) -> None:
    for split in SPLITS:
        for row in _table(built, "lines", split).to_pylist():
            raw = (raw_copy / f"{row['article_id']}.txt").read_text(encoding="utf-8").split("\n")
            assert raw[row["line_number"] - 1] == row["text"]


def test_build_report_lists_every_input(built: Path, raw_copy: Path) -> None:
    report = json.loads((built / "build_report.json").read_text())
    assert sorted(f["file_name"] for f in report["files"]) == sorted(p.name for p in raw_copy.glob("*.txt"))
    assert report["rejected"] == 0 and report["articles"] == 3


def test_same_inputs_give_byte_identical_outputs(tmp_path: Path, raw_copy: Path, built: Path) -> None:
    again = tmp_path / "again"
    build(raw_copy, again)
    for path in built.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(built)).read_bytes(), path.name


def _fresh_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "dataset" / "raw", raw)
    return raw


NEW_ARTICLE = (
    "Bridge reopens after repairs\n"
    "The city's main bridge reopened on Saturday after six months of repairs, officials said.\n"
)


def test_adding_an_article_never_moves_existing_ones(tmp_path: Path) -> None:
    raw = _fresh_raw(tmp_path)
    before = read_manifest(raw / MANIFEST_NAME)
    (raw / "zz_new_article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    build(raw, tmp_path / "out")
    after = read_manifest(raw / MANIFEST_NAME)
    assert {k: v.split for k, v in before.items()} == {k: after[k].split for k in before}
    assert after["zz_new_article"].split == hash_split("zz_new_article")
    build(raw, tmp_path / "out2")  # rebuilding keeps every pin
    assert read_manifest(raw / MANIFEST_NAME) == after


def test_hash_rule_is_roughly_80_10_10() -> None:
    counts = {s: 0 for s in SPLITS}
    for i in range(10_000):
        counts[hash_split(f"article-{i}")] += 1
    assert 7_700 < counts["train"] < 8_300 and 800 < counts["validation"] < 1_200 and 800 < counts["test"] < 1_200


def test_changed_raw_file_stops_the_build_naming_file_and_hashes(tmp_path: Path) -> None:
    raw = _fresh_raw(tmp_path)
    target = sorted(raw.glob("*.txt"))[0]
    old = hashlib.sha256(target.read_bytes()).hexdigest()
    target.write_bytes(target.read_bytes() + b"\nEdited.\n")
    new = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(ManifestError) as err:
        build(raw, tmp_path / "out")
    assert target.name in str(err.value) and old in str(err.value) and new in str(err.value)
    assert not (tmp_path / "out" / "data").exists()
    build(raw, tmp_path / "out", update_manifest=True)
    assert read_manifest(raw / MANIFEST_NAME)[target.stem].sha256 == new


def test_rejections_are_reported_and_strict_writes_nothing(tmp_path: Path) -> None:
    raw = _fresh_raw(tmp_path)
    (raw / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    (raw / "notes.md").write_text("not an article")
    out = tmp_path / "out"
    result = build(raw, out)
    reasons = {o.file_name: o.reason for o in result.rejected}
    assert reasons == {"noise.txt": "undecodable", "notes.md": "not_txt"}
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(StrictModeError, match=r"noise\.txt"):
        build(raw, out, strict=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.parent.glob(".out.build-*"))


def test_failed_build_leaves_previous_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _fresh_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("karabakh_news.build.render_cards", boom)
    with pytest.raises(RuntimeError):
        build(raw, out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.parent.glob(".out.build-*"))


def test_pin_store_holds_the_manifest_and_records_changes(tmp_path: Path) -> None:
    from karabakh_news.manifest import ManifestRow, PinStore, write_manifest

    rows = [
        ManifestRow(f"id{i}", f"id{i}.txt", i, hashlib.sha256(bytes([i])).hexdigest(), SPLITS[i % 3]) for i in range(5)
    ]
    write_manifest(tmp_path / MANIFEST_NAME, reversed(rows))  # a hand-edited manifest need not be in order
    store = PinStore(tmp_path / "pins.sqlite", tmp_path / MANIFEST_NAME)
    assert dict(store) == read_manifest(tmp_path / MANIFEST_NAME)
    assert list(store) == sorted(r.id for r in rows) and list(store.rows()) == rows
    store.pin(rows[2], was=store.get("id2"))
    assert not store.changed  # the same pin again changes nothing
    moved = ManifestRow("id2", "id2.txt", 2, rows[2].sha256, "test" if rows[2].split != "test" else "train")
    store.pin(moved, was=store.get("id2"))
    store.pin(ManifestRow("new", "new.txt", 1, "0" * 64, "train"), was=None)
    assert store.changed and store["id2"] == moved and len(store) == 6 and store.get("missing") is None
    store.close()


def test_pin_store_refuses_a_repeated_id(tmp_path: Path) -> None:
    from karabakh_news.manifest import ManifestRow, PinStore, write_manifest

    row = ManifestRow("a", "a.txt", 1, "0" * 64, "train")
    write_manifest(tmp_path / MANIFEST_NAME, [row, row])
    with pytest.raises(ManifestError, match=r"manifest.csv:3: .*repeated id"):
        PinStore(tmp_path / "pins.sqlite", tmp_path / MANIFEST_NAME)
