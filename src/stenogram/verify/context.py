"""The article around a quotation: who it says spoke, and the words that describe the occasion."""

from __future__ import annotations

from ..parse.persons import ROLE_WORDS
from ..parse.persons import fold as fold_name
from ..parse.quotes import CUES, ROLE_ALIASES_FOLDED, extract_quotes
from .normalize import STOPWORDS, content, data_words, tokens

PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we"})


SETTING_STOPWORDS = frozenset({w for cue in CUES for w in tokens(cue)}) | data_words("setting_stopwords.txt")


def claimed_speaker_of(quote: str, claimed: str | None, context: str | None) -> str | None:
    """The claimed speaker as given, else the one the article's context names."""
    if claimed is None and context is not None:
        return speaker_in_context(quote, context)
    return claimed


def speaker_in_context(quote: str, context: str) -> str | None:
    """The speaker the article gives for ``quote`` in ``context`` (its sentence or
    paragraph), by the news quotation extractor: a resolved person, else a named speaker."""
    q = set(content(tokens(quote)))
    for found in extract_quotes(context):
        shared = q & set(content(tokens(found.text)))
        if q and len(shared) >= 0.5 * len(q) and (found.person or found.speaker):
            if not found.person and fold_name(found.speaker or "") in ROLE_ALIASES_FOLDED:
                continue  # "the President": whose role it was on the day is not known here
            words = (found.person or found.speaker or "").split()
            while words and (words[0].lower() in STOPWORDS or words[0].lower() in SETTING_STOPWORDS):
                words.pop(0)  # "Although Putin said"
            name = " ".join(words)
            titles_only = all(w.lower() in ROLE_WORDS or w.lower() in STOPWORDS for w in words)  # "Head of State"
            if name[:1].isupper() and name.lower() not in PRONOUNS and not titles_only and name not in quote:
                return name
    return None


def setting_words(quote: str, context: str, claimed: str | None) -> set[str]:
    """Words of the context outside the quotation, less the speaker's name and the verbs
    of saying: what is left describes the occasion ("energy forum", "interview")."""
    if not context:
        return set()
    outside = context.replace(quote, " ")
    for found in reversed(extract_quotes(outside)):  # other quoted words are not the setting either
        if found.kind != "indirect":
            outside = outside[: found.start] + " " + outside[found.end :]
    drop = set(tokens(claimed or "")) | SETTING_STOPWORDS
    return {w for w in content(tokens(outside)) if w not in drop and not w[0].isdigit() and len(w) > 2}
