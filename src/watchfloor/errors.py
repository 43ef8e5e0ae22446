"""The exception tree. Every message says which input and what is wrong, in one line.

    WatchfloorError
    ├── InputError                 one input cannot become an article; the batch goes on
    │   ├── MissingPathError       W101
    │   ├── SymlinkLoopError       W102
    │   ├── EmptyInputError        W103
    │   ├── BinaryInputError       W104
    │   ├── UndecodableInputError  W105
    │   ├── TooLargeError          W106
    │   ├── MalformedRecordError   W107
    │   ├── NoArticleError         W108
    │   └── UnsupportedInputError  W109
    ├── StoreError                 the database cannot be opened or written
    │   └── NotFoundError          W202  an id or name that is not in the store
    └── ConfigError                W301

The CLI turns any of these into ``error: <message>`` and a non-zero exit; it never prints a
traceback for them.
"""

from __future__ import annotations


class WatchfloorError(Exception):
    code = "W000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(WatchfloorError):
    """One input is unusable. Recorded in the ingest log; the rest of the batch is stored."""

    code = "W100"

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class MissingPathError(InputError):
    code = "W101"


class SymlinkLoopError(InputError):
    code = "W102"


class EmptyInputError(InputError):
    code = "W103"


class BinaryInputError(InputError):
    code = "W104"


class UndecodableInputError(InputError):
    code = "W105"


class TooLargeError(InputError):
    code = "W106"


class MalformedRecordError(InputError):
    code = "W107"


class NoArticleError(InputError):
    code = "W108"


class UnsupportedInputError(InputError):
    code = "W109"


class StoreError(WatchfloorError):
    code = "W200"


class NotFoundError(StoreError):
    code = "W202"


class ConfigError(WatchfloorError):
    code = "W301"
