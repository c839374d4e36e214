"""Publishing the built folder as a Hub dataset repository, and checking it before.

The card is uploaded exactly as the build wrote it (so ``default: true`` and every other YAML
key survive). The upload uses ``huggingface_hub`` with the user's normal login; this module
never reads, writes or passes a token itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import yaml

from karabakh_news.card import ABOUT_NAME
from karabakh_news.guard import CARD_NAME, is_build_output
from karabakh_news.manifest import MANIFEST_NAME
from karabakh_news.schema import CONFIGS, DEFAULT_CONFIG

RAW_FOLDER = "raw"  # published too: the raw pages and their manifest are the provenance


class HubApi(Protocol):
    def create_repo(self, repo_id: str, **kwargs: Any) -> Any: ...
    def upload_folder(self, **kwargs: Any) -> Any: ...


def files_to_publish(root: Path) -> list[str]:
    """Every file of the built folder that belongs in the repository, sorted."""
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        top = rel.parts[0]
        raw_file = top == RAW_FOLDER and (path.suffix == ".txt" or path.name in (MANIFEST_NAME, ABOUT_NAME))
        if is_build_output(rel) or raw_file:  # not a user's own file in a folder taken over with --force
            files.append(rel.as_posix())
    return files


def front_matter(root: Path) -> dict[str, Any]:
    text = (root / CARD_NAME).read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError("README.md has no YAML front matter")
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def card_problems(root: Path) -> list[str]:
    """What is wrong with the card's YAML for this folder (empty when it is ready)."""
    problems: list[str] = []
    meta = front_matter(root)
    configs = meta.get("configs") or []
    defaults = [c["config_name"] for c in configs if c.get("default")]
    if defaults != [DEFAULT_CONFIG]:
        problems.append(f"default config must be exactly [{DEFAULT_CONFIG!r}], found {defaults}")
    parquet = {p.relative_to(root).as_posix() for p in root.glob("data/*/*.parquet")}
    covered: set[str] = set()
    for config in configs:
        for entry in config.get("data_files", []):
            matched = {p for p in parquet if Path(p).match(entry["path"])}
            if not matched:
                problems.append(f"{config['config_name']}/{entry['split']}: {entry['path']} matches no file")
            covered |= matched
    if parquet - covered:
        problems.append(f"Parquet files no config lists: {sorted(parquet - covered)}")
    infos = {i["config_name"]: i for i in meta.get("dataset_info") or []}
    for config in configs:
        name = config["config_name"]
        declared = CONFIGS[name].features._to_yaml_list() if name in CONFIGS else None
        if name not in infos or infos[name].get("features") != declared:
            problems.append(f"{name}: dataset_info features differ from the schema declaration")
    return problems


def publish(
    root: Path, repo_id: str, *, private: bool = False, dry_run: bool = False, api: HubApi | None = None
) -> list[str]:
    """Check the folder, then upload it (unless ``dry_run``); returns the files uploaded."""
    problems = card_problems(root)
    if problems:
        raise ValueError("the card is not ready to publish: " + "; ".join(problems))
    files = files_to_publish(root)
    if dry_run:
        return files
    hub: HubApi = api if api is not None else _hf_api()
    hub.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    hub.upload_folder(
        folder_path=str(root),
        repo_id=repo_id,
        repo_type="dataset",
        allow_patterns=files,
        commit_message="Upload karabakh-news dataset",
    )
    return files


def _hf_api() -> HubApi:
    from huggingface_hub import HfApi

    return HfApi()  # type: ignore[return-value]  # the user's normal login: HF_TOKEN or `hf auth login`
