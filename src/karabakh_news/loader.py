"""``load(config, split)``: the built dataset through ``datasets``, from wherever it is installed.

``datasets`` keys its cache for local Parquet on file paths and modification times, not on
contents, so a rebuild could be served stale rows. Every load therefore uses a cache folder
named after a hash of the card and the config's Parquet bytes: new bytes, new cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from karabakh_news.manifest import file_sha256
from karabakh_news.parquet import shard_files
from karabakh_news.schema import CONFIGS, DEFAULT_CONFIG

ENV_DATA_DIR = "KARABAKH_NEWS_DATA"
_PACKAGE_DIR = Path(__file__).resolve().parent


def find_data_dir() -> Path:
    """The built dataset folder: ``$KARABAKH_NEWS_DATA``, a source checkout's ``dataset/``,
    or the copy packaged inside the installed wheel, in that order."""
    candidates = []
    if env := os.environ.get(ENV_DATA_DIR):
        candidates.append(Path(env))
    candidates += [_PACKAGE_DIR.parent.parent / "dataset", _PACKAGE_DIR / "_data"]
    for candidate in candidates:
        if (candidate / "README.md").is_file() and (candidate / "data").is_dir():
            return candidate
    raise FileNotFoundError("no built karabakh-news dataset found; run `karabakh-news build` or set " + ENV_DATA_DIR)


def content_fingerprint(data_dir: Path, config: str) -> str:
    """Hash of the card and every Parquet file of ``config`` (names and bytes)."""
    files = [data_dir / "README.md", *shard_files(data_dir, config)]
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.relative_to(data_dir).as_posix()}\0{file_sha256(path)}\n".encode())
    return digest.hexdigest()[:16]


def _default_cache_root() -> Path:
    from datasets import config as ds_config

    return Path(ds_config.HF_DATASETS_CACHE) / "karabakh_news"


def load(
    config: str = DEFAULT_CONFIG,
    split: str | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    **kwargs: Any,
) -> Any:
    """Load one config (a ``DatasetDict``, or a ``Dataset`` when ``split`` is given)."""
    import datasets

    if config not in CONFIGS:
        raise ValueError(f"unknown config {config!r}; choose one of {sorted(CONFIGS)}")
    root = Path(data_dir) if data_dir is not None else find_data_dir()
    cache_root = Path(cache_dir) if cache_dir is not None else _default_cache_root()
    fingerprint = content_fingerprint(root, config)
    return datasets.load_dataset(str(root), config, split=split, cache_dir=str(cache_root / fingerprint), **kwargs)
