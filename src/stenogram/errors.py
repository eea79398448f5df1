"""The one exception hierarchy of stenogram.

::

    StenogramError            base class; the CLI catches it and prints one line
    ├── SourceError           a file or archive cannot be read or decoded (path, reason)
    ├── FormatError           a document is not in a format stenogram knows
    ├── ParseError            a document is recognised but its structure is broken
    ├── StoreError            the corpus database cannot be opened or written
    ├── QueryError            a search query or filter is malformed (with a hint)
    ├── InputError            a value given to a check is of the wrong type or too large
    ├── OutputError           an export or report cannot be written (nothing half-written is left)
    └── MissingExtra          a command needs an optional extra that is not installed (says which)

Every error carries the path (and where useful the character offset) it is about, so
that a message names the thing, the reason and, where there is one, the next step.
"""

from __future__ import annotations


class StenogramError(Exception):
    """Base class of every error stenogram raises on purpose."""

    def __init__(self, reason: str, *, path: str | None = None, offset: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.offset = offset

    def __str__(self) -> str:
        if self.path is None and self.offset is None:
            return self.reason
        where = self.path or "<input>"
        if self.offset is not None:
            where = f"{where}@{self.offset}"
        return f"{where}: {self.reason}"


class SourceError(StenogramError):
    """A file, directory or archive cannot be read or decoded."""


class FormatError(StenogramError):
    """A document is in no format stenogram can parse."""


class ParseError(StenogramError):
    """A document was recognised but its structure could not be parsed."""


class StoreError(StenogramError):
    """The corpus database cannot be opened, migrated or written."""


# The next step after a query error, as each interface says it ("use --literal" means
# nothing to a person on the web page).
HINTS: dict[str, dict[str, str]] = {
    "literal": {
        "cli": "quote words to search them as text, or use --literal",
        "api": "quote words to search them as text, or pass literal=true",
        "web": "put words in quotation marks to search them as text, or tick “plain words”",
    },
    "speakers": {
        "cli": "list them with: stenogram speakers",
        "api": "list them: GET /api/v1/persons",
        "web": "see the list of people",
    },
}


class QueryError(StenogramError):
    """A query or filter the user typed is malformed; the message says how to fix it.

    ``hint`` names the next step (a key of ``HINTS``), said in the words of the interface
    that shows the error (``message_for``); ``suggestions`` are values meant instead of a
    mistyped one ("did you mean"). ``str()`` is the command line's wording."""

    def __init__(
        self,
        reason: str,
        *,
        hint: str | None = None,
        suggestions: tuple[str, ...] = (),
        path: str | None = None,
        offset: int | None = None,
    ):
        super().__init__(reason, path=path, offset=offset)
        self.hint = hint
        self.suggestions = suggestions

    def message_for(self, interface: str) -> str:
        """The message for ``interface``: "cli", "api" or "web"."""
        text = self.reason
        if self.suggestions:
            text += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        if self.hint:
            text += "; " + HINTS[self.hint][interface]
        return text

    def __str__(self) -> str:
        reason, self.reason = self.reason, self.message_for("cli")
        try:
            return super().__str__()
        finally:
            self.reason = reason


class InputError(StenogramError):
    """A value given to a check (a quotation, a record of a quotes file) is of the wrong
    type or past its bound; the message says which and why."""


class OutputError(StenogramError):
    """An export or a report cannot be written (read-only folder, full disk, a file where
    a folder should be); what was there before is left as it was."""


class MissingExtra(StenogramError):
    """A feature needs an optional extra that is not installed; the message names the
    ``pip install`` that adds it."""
