"""The parsing core compiled by mypyc parses exactly as its pure-Python source does.

The compiled modules are what a build runs when the package is installed with
``HATCH_BUILD_HOOK_ENABLE_MYPYC=1`` (as ``scripts/test.sh`` installs it); the rest of the suite
tests them. This test runs the same source uncompiled (``src/`` first on the path, in a child
process) over the seeds and a synthetic corpus, and compares everything the build takes from
each file.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

import karabakh_news.roles
from karabakh_news.synthetic import write_corpus
from karabakh_news.work import FileResult, process_file

from .conftest import RAW, ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
COMPILED = not karabakh_news.roles.__file__.endswith(".py")
# A run that asked for the compiled core (scripts/test.sh exports the hook's switch) fails
# without it instead of skipping.
requires_compiled = pytest.mark.skipif(
    not (COMPILED or os.environ.get("HATCH_BUILD_HOOK_ENABLE_MYPYC")),
    reason="installed without the compiled core (HATCH_BUILD_HOOK_ENABLE_MYPYC=1)",
)
_HOOK = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]
PARSING_CORE = tuple(Path(path).stem for path in _HOOK["mypyc"]["include"])  # what the hook compiles

_PURE_RUN = """
import pickle, sys
sys.path.insert(0, sys.argv[1])
import karabakh_news
from karabakh_news.work import process_file
from importlib import import_module
for name in sys.argv[4].split(","):
    assert import_module("karabakh_news." + name).__file__.endswith(".py"), name
names = sys.argv[3].split(",")
results = [process_file(sys.argv[2] + "/" + n, sys.argv[2], 10**7) for n in names]
sys.stdout.buffer.write(pickle.dumps([(karabakh_news.__file__, r) for r in results]))
"""


def _comparable(result: FileResult) -> dict[str, Any]:
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    signature = fields.pop("signature")
    fields["signature"] = None if signature is None else signature.tobytes()
    return fields


@requires_compiled
def test_every_module_of_the_parsing_core_is_compiled() -> None:
    assert PARSING_CORE and all(not import_module(f"karabakh_news.{m}").__file__.endswith(".py") for m in PARSING_CORE)


@requires_compiled
def test_compiled_parse_equals_the_pure_python_parse(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 300, seed=7)
    for seed in RAW.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    names = sorted(p.name for p in raw.iterdir())
    run = subprocess.run(
        [sys.executable, "-c", _PURE_RUN, str(ROOT / "src"), str(raw), ",".join(names), ",".join(PARSING_CORE)],
        capture_output=True,
        check=True,
    )
    pure = pickle.loads(run.stdout)
    assert {Path(origin).parent for origin, _ in pure} == {ROOT / "src" / "karabakh_news"}
    compiled = [process_file(str(raw / n), str(raw), 10**7) for n in names]
    assert sum(r.columns is not None for r in compiled) > 250  # most pages are articles
    assert [_comparable(r) for _, r in pure] == [_comparable(r) for r in compiled]
