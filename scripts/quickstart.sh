#!/usr/bin/env bash
# Set up, build the dataset from dataset/raw, and print a summary of the loaded dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e .
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
karabakh-news build
karabakh-news summary
