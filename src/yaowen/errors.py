"""Errors that name the input and the reason, so a batch can report them in one line and go on."""

from .sources import shown


class PageError(Exception):
    """A page that cannot be read or processed. ``str(err)`` is the one-line message for the user: the source
    and the reason with visible escapes (a file name may hold any bytes, a library's reason newlines)."""

    def __init__(self, source: str, reason: str):
        super().__init__(shown(f"{source}: {reason}"))
        self.source = source
        self.reason = reason

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return type(self), (self.source, self.reason)  # pickled to and from worker processes
