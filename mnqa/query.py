"""Query understanding: from a question to weighted stems, with spelling fixes and lexicon expansions.

The asker's own words weigh 1; words the lexicon adds weigh less (the entry's weight). A word the index has
never seen is corrected to a close vocabulary word when the match is good, otherwise it is kept aside as an
unknown word: it still counts against an answer when abstaining (see search.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from mnqa.analysis import Stemmer, fold, stopwords, tokenize, word_forms
from mnqa.lexicon import Lexicon, fold_phrase, phrase_stems

MAX_QUESTION_CHARS = 500  # longer questions are cut (with a notice); no real question is longer
MAX_WORD_CHARS = 40  # longer "words" are noise (hashes, URLs, keyboard mashing), never corrected


@dataclass
class Group:
    """One word of the asker's, with the stems that can stand for it (its own and its expansions)."""

    word: str  # as typed (folded), or as corrected
    stem: str | None  # None when the word is unknown to the index and to the lexicon
    expansions: dict[str, float] = field(default_factory=dict)  # stem -> weight


@dataclass
class Query:
    """A question analysed: the stems to search with their weights, and what to tell the user about it."""

    text: str
    groups: list[Group]
    weights: dict[str, float]  # stem -> weight, the asker's own at 1.0
    expansions: list[str]  # lexicon phrases added, for display
    corrections: dict[str, str]
    unknown: list[str]  # words neither in the documents nor in the lexicon, and not correctable
    truncated: bool = False

    @property
    def terms(self) -> list[str]:
        """The asker's searched words (after correction), in order, once each."""
        return list(dict.fromkeys(g.word for g in self.groups if g.stem is not None))


class Vocabulary:
    """What the analyser needs to know about the index: known stems, word forms for spelling, frequencies."""

    def __init__(self, stems: set[str], surfaces: dict[str, int], lexicon_stems: set[str]) -> None:
        self.stems = stems
        self.lexicon_stems = lexicon_stems
        self.surfaces = surfaces
        self._by_initial: dict[str, list[str]] | None = None

    def knows(self, stem: str) -> bool:
        """Whether a stem means something here: it occurs in the documents or in the lexicon."""
        return stem in self.stems or stem in self.lexicon_stems

    def candidates(self, word: str, distance: int) -> list[str]:
        """Known word forms that could be `word` misspelt: same first letter, similar length."""
        if self._by_initial is None:
            self._by_initial = {}
            for w in self.surfaces:
                if w.isalpha():
                    self._by_initial.setdefault(w[0], []).append(w)
        return [w for w in self._by_initial.get(word[0], []) if abs(len(w) - len(word)) <= distance]


def allowed_distance(word: str) -> int:
    """How many edits a correction may make: none for short words (too many real neighbours), then 1, then 2."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


def correct(word: str, vocab: Vocabulary, stemmer: Stemmer) -> str | None:
    """A close known word for a misspelt one, or None when no match is good enough."""
    limit = allowed_distance(word)
    if not limit or not word.isalpha() or len(word) > MAX_WORD_CHARS:
        return None
    from nltk.metrics.distance import edit_distance  # lazy: only misspelt words pay for nltk

    best: tuple[int, int, str] | None = None
    for cand in vocab.candidates(word, limit):
        d = edit_distance(word, cand, transpositions=True)
        if d <= limit and vocab.knows(stemmer.stem(cand)):
            key = (d, -vocab.surfaces.get(cand, 0), cand)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def analyze(question: str, vocab: Vocabulary, lexicon: Lexicon, stemmer: Stemmer) -> Query:
    """Turn a question into weighted stems: own words, corrections, and lexicon expansions."""
    truncated = len(question) > MAX_QUESTION_CHARS
    text = question[:MAX_QUESTION_CHARS]
    stop = stopwords()
    tokens = tokenize(text)
    groups: list[Group] = []
    corrections: dict[str, str] = {}
    unknown: list[str] = []
    sequence: list[str] = []  # stems of every word in order, stopwords included, for phrase matching
    words = [t.word for t in tokens]

    def add(word: str, stem: str | None) -> None:
        if stem is None or all(g.stem != stem for g in groups):
            groups.append(Group(word, stem))

    for i, word in enumerate(words):
        forms = word_forms(word)
        if len(word) > MAX_WORD_CHARS:
            unknown.append(word[:MAX_WORD_CHARS] + "…")
            continue
        sequence.append(stemmer.stem(forms[0]) if forms[0] not in stop else forms[0])
        for form in forms:
            if form in stop:
                continue
            stem = stemmer.stem(form)
            if vocab.knows(stem):
                add(form, stem)
                continue
            if form != forms[0]:
                continue  # a part of a hyphenated word that is unknown adds nothing
            fixed = correct(form, vocab, stemmer)
            if fixed:
                corrections[form] = fixed
                sequence[-1] = stemmer.stem(fixed)
                add(fixed, stemmer.stem(fixed))
            else:
                unknown.append(form)
                add(form, None)
        # Two words that together make a known word ("micro needling", "skin care") search for it too.
        if i + 1 < len(words):
            joined = word + words[i + 1]
            pair_ok = word not in stop and words[i + 1] not in stop
            if pair_ok and joined.isalpha() and vocab.knows(stemmer.stem(joined)):
                add(joined, stemmer.stem(joined))

    weights: dict[str, float] = {g.stem: 1.0 for g in groups if g.stem is not None}
    expansions: list[str] = []
    for entry in lexicon.entries:
        hits = [phrase for phrase in entry.ask if _contains(sequence, phrase_stems(phrase, stemmer))]
        if not hits:
            continue
        trigger = {s for phrase in hits for s in phrase_stems(phrase, stemmer)}
        owners = [g for g in groups if g.stem in trigger] or groups[:0]
        for phrase in entry.say:
            added = False
            for stem in phrase_stems(phrase, stemmer, keep_stopwords=False):
                if weights.get(stem, 0.0) >= 1.0:
                    continue
                weights[stem] = max(weights.get(stem, 0.0), entry.weight)
                for g in owners:
                    g.expansions[stem] = max(g.expansions.get(stem, 0.0), entry.weight)
                added = True
            shown = fold_phrase(phrase)
            if added and shown not in expansions:
                expansions.append(shown)
    return Query(question, groups, weights, expansions, corrections, unknown, truncated)


def _contains(sequence: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if not n:
        return False
    return any(tuple(sequence[i : i + n]) == phrase for i in range(len(sequence) - n + 1))


def folded(text: str) -> str:
    """The question folded for comparisons (e.g. FAQ matching)."""
    return " ".join(fold(text).split())


Analyzer = Callable[[str], Query]
