"""Errors that carry a message a researcher can act on."""

from __future__ import annotations


class MediaframeError(Exception):
    """A problem with input or configuration, explained for the user.

    The message names the file, the record and the fix; scripts print it without a
    traceback.
    """


class MissingDependencyError(MediaframeError):
    """An optional backend was configured but its package is not installed."""

    def __init__(self, package: str, feature: str, extra: str | None = None) -> None:
        hint = (
            f"make setup EXTRAS={extra} (or pip install 'mediaframe[{extra}]')"
            if extra
            else f"pip install {package}"
        )
        super().__init__(
            f"{feature} needs the package '{package}', which is not installed. Fix: {hint}"
        )
