#!/usr/bin/env python3
"""Build the dataset: `python scripts/build_dataset.py --raw DIR --out DIR [--strict]`.

The same as `karabakh-news build`; with no arguments it rebuilds the committed `dataset/`.
"""

import sys

from karabakh_news.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
