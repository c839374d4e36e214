#!/usr/bin/env bash
# Set up a fresh virtual environment with the test extra, then lint, type-check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
# A regular (not editable) install, so the tests also prove the wheel carries the dataset.
python -m pip install --quiet --force-reinstall --no-deps .
python -m pip install --quiet ".[test]"
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
ruff check .
ruff format --check .
mypy
python -m pytest -q "$@"
