"""The package's small error hierarchy.

Bad input is data about the build: the builder catches :class:`InputError` subclasses and
records their ``reason`` code in the build report instead of letting a traceback escape.
"""

from __future__ import annotations


class KarabakhNewsError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(KarabakhNewsError):
    """One input file cannot become a record; ``reason`` is a stable machine-readable code."""

    def __init__(self, reason: str, message: str, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message} [{reason}]")
        self.message = message


class DecodeError(InputError):
    """The bytes are not text we can read (binary, undecodable)."""


class ParseError(InputError):
    """The text is readable but holds no article (no title, no body)."""


class ManifestError(KarabakhNewsError):
    """The raw manifest disagrees with the raw files (changed hash, bad row)."""


class WorkerDied(KarabakhNewsError):
    """A parsing worker process ended without a result (killed, out of memory): the build stops."""


class PathError(KarabakhNewsError):
    """``--raw`` or ``--out`` names something a build cannot use or may not write into; nothing
    was written."""


class BuildLocked(KarabakhNewsError):
    """Another build holds the output folder's lock; nothing was written."""
