"""Croissant (JSON-LD) metadata for the built folder, derived from the schema declaration.

Every config is a record set whose fields come from :data:`karabakh_news.schema.CONFIGS`
(lists are repeated fields, structs are sub-fields); its split comes from the Parquet file
name, as the Hub's own Croissant does. Every Parquet file is listed with its sha256. The
Responsible-AI fields come from the corpus's ``about.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from datasets import List, Value

from karabakh_news.manifest import file_sha256
from karabakh_news.parquet import shard_files
from karabakh_news.schema import CONFIGS, SPLITS

CROISSANT_NAME = "croissant.json"
_DATA_TYPES = {
    "string": "sc:Text",
    "int32": "sc:Integer",
    "int64": "sc:Integer",
    "bool": "sc:Boolean",
    "date32": "sc:Date",
}
_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def _file_set(config: str) -> str:
    return f"parquet-files-for-config-{config}"


def _field(config: str, name: str, feature: Any, description: str, path: list[str] | None = None) -> dict[str, Any]:
    """A Croissant field for one declared feature (a list repeats it, a struct gets sub-fields)."""
    path = path or []
    field_id = "/".join([config, name, *path])
    source: dict[str, Any] = {"fileSet": {"@id": _file_set(config)}, "extract": {"column": name}}
    if path:
        source["transform"] = {"jsonPath": ".".join(path)}
    repeated = isinstance(feature, List)
    inner = feature.feature if repeated else feature
    out: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": field_id, "description": description}
    if isinstance(inner, dict):
        out["subField"] = [
            _field(config, name, sub, f"{description} ({key})", [*path, key]) | ({"repeated": True} if repeated else {})
            for key, sub in inner.items()
        ]
        return out
    if not isinstance(inner, Value) or isinstance(inner, List):
        raise TypeError(f"no Croissant type for {feature!r}")
    out["dataType"] = _DATA_TYPES[str(inner.dtype)]
    out["source"] = source
    if repeated:
        out["repeated"] = True
    return out


def _record_sets(config: str, splits: list[str]) -> list[dict[str, Any]]:
    declared = CONFIGS[config]
    split_set = f"{config}_splits"
    split_names = "|".join(re.escape(s) for s in splits)
    split_field = {
        "@type": "cr:Field",
        "@id": f"{config}/split",
        "name": f"{config}/split",
        "description": "The split the row belongs to.",
        "dataType": "sc:Text",
        "references": {"field": {"@id": f"{split_set}/split_name"}},
        "source": {
            "fileSet": {"@id": _file_set(config)},
            "extract": {"fileProperty": "fullpath"},
            # Matches the shard path, and the bare split name the split record set is joined on.
            "transform": {"regex": rf"(?:.*/)?({split_names})(?:-\d{{5}}-of-\d{{5}}\.parquet)?$"},
        },
    }
    return [
        {
            "@type": "cr:RecordSet",
            "@id": split_set,
            "name": split_set,
            "description": f"Splits of the {config} config.",
            "dataType": "cr:Split",
            "key": {"@id": f"{split_set}/split_name"},
            "field": [
                {
                    "@type": "cr:Field",
                    "@id": f"{split_set}/split_name",
                    "name": f"{split_set}/split_name",
                    "description": "The name of the split.",
                    "dataType": "sc:Text",
                }
            ],
            "data": [{f"{split_set}/split_name": s} for s in splits],
        },
        {
            "@type": "cr:RecordSet",
            "@id": config,
            "name": config,
            "description": declared.description,
            "field": [split_field] + [_field(config, f.name, f.feature, f.description) for f in declared.fields],
        },
    ]


def croissant(root: Path, about: dict[str, Any]) -> dict[str, Any]:
    """The Croissant metadata of the built folder ``root`` (its ``data/`` must be complete)."""
    distribution: list[dict[str, Any]] = []
    record_sets: list[dict[str, Any]] = []
    for config in CONFIGS:
        files = shard_files(root, config)
        if not files:
            continue
        for path in files:
            rel = path.relative_to(root).as_posix()
            distribution.append(
                {
                    "@type": "cr:FileObject",
                    "@id": rel,
                    "name": rel,
                    "contentUrl": rel,
                    "contentSize": f"{path.stat().st_size} B",
                    "encodingFormat": "application/x-parquet",
                    "sha256": file_sha256(path),
                }
            )
        distribution.append(
            {
                "@type": "cr:FileSet",
                "@id": _file_set(config),
                "name": _file_set(config),
                "description": f"Parquet shards of the {config} config.",
                "encodingFormat": "application/x-parquet",
                "includes": f"data/{config}/*-of-*.parquet",  # shards only (--force keeps a user's own files)
            }
        )
        splits = [s for s in SPLITS if any(p.name.startswith(f"{s}-") for p in files)]
        record_sets += _record_sets(config, splits)
    return {
        "@context": _CONTEXT,
        "@type": "sc:Dataset",
        "name": about["pretty_name"],
        "description": " ".join(str(about.get("summary", "")).split()),
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "version": about.get("version", "0.1.0"),
        "license": f"{about['license']}: {about.get('license_name', '')}".strip(": "),
        "url": about.get("url", "https://huggingface.co/datasets"),
        "citeAs": about.get("citation", ""),
        "keywords": about.get("tags", []),
        "rai:dataCollection": " ".join(str(about.get("data_collection", about.get("sources_note", ""))).split()),
        "rai:dataBiases": " ".join(str(about.get("biases", "")).split()),
        "rai:personalSensitiveInformation": " ".join(str(about.get("personal_information", "")).split()),
        "rai:dataUseCases": " ".join(str(about.get("intended_uses", "")).split()),
        "rai:dataLimitations": " ".join(str(about.get("limitations", "")).split()),
        "distribution": distribution,
        "recordSet": record_sets,
    }
