"""Imported by the worker pool's fork server before it forks the workers.

What it loads is then shared by every worker (copy-on-write pages) instead of loaded by each:
py3langid's model is about 70 MB of arrays.
"""

from karabakh_news.article import detect_language
from karabakh_news.fingerprint import word_char_table

detect_language("Loads the language model once, before the workers are forked.")
word_char_table()  # and the MinHash's table of word characters (1.1 MB)
