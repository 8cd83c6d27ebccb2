"""Exit codes are part of the CLI's contract with CI jobs."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BELOW_BAR = 1
    INVALID = 2
    INTERRUPTED = 130
