"""Exceptions raised by the library; surfaces turn them into messages and exit codes.

Every message says what was wrong (with the offending value) and how to fix it.
Messages are in Chinese for users, with an English gloss where it helps logs.
"""

from __future__ import annotations


class RagError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class ConfigError(RagError):
    """A setting is invalid or a configuration file cannot be read."""

    exit_code = 2


class UnreadableFileError(RagError):
    """A file cannot be turned into text: binary, empty, oversized, corrupt, unknown type."""

    exit_code = 3

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"无法读取 {path}：{reason}")


class IndexNotFoundError(RagError):
    """The named index does not exist yet."""

    exit_code = 4


class IndexCorruptError(RagError):
    """An index folder exists but its files are missing, truncated or inconsistent."""

    exit_code = 5


class NoticeNotFoundError(RagError):
    """No notice in the index matches the 文号 or id asked for."""

    exit_code = 6


class InvalidQueryError(RagError):
    """A query or argument is empty, too long or out of range."""

    exit_code = 2


class EmbedderMismatchError(RagError):
    """The index was built with another embedder than the one configured."""

    exit_code = 7
