"""The domain lexicon: how people ask, mapped to how the documents say it (mnqa/lexicon.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mnqa.analysis import HEDGES, Stemmer, fold, said, spelt_number, stopwords, tokenize, word_forms

DEFAULT_WEIGHT = 0.5  # an expansion counts half as much as the asker's own word
GAP = "..."  # in an ask phrase: up to MAX_GAP words of the question may stand here ("leave ... scars")
MAX_GAP = 3
# Negations said short, spelt out: "isn't" -> "is not", "cant" -> "can not".
NEGATIONS = {short: (verb, "not") for verb, shorts in [
    ("is", ("isn't", "isnt")), ("are", ("aren't", "arent")), ("was", ("wasn't", "wasnt")),
    ("were", ("weren't", "werent")), ("do", ("don't", "dont")), ("does", ("doesn't", "doesnt")),
    ("did", ("didn't", "didnt")), ("have", ("haven't", "havent")), ("has", ("hasn't", "hasnt")),
    ("can", ("can't", "cant")), ("could", ("couldn't", "couldnt")), ("will", ("won't", "wont")),
    ("would", ("wouldn't", "wouldnt")), ("should", ("shouldn't", "shouldnt")), ("must", ("mustn't", "mustnt")),
] for short in shorts}

# Irregular past forms of verbs clients tell what happened with, and their verbs: an ask phrase is written in the
# present ("feel hot") and matches the past too. Regular pasts ("peeled") share the verb's stem. Each word is its
# own stem (or a stopword), so the table is used as the question's stems hold it, with no stemming at start-up
# (tests/test_query.py checks). Not "left" (a side: "my left cheek") nor "made" ("IPL made it worse" tells of
# another treatment, not a risk of this one): each turned more dev questions worse than better.
IRREGULAR_PASTS = {
    "felt": "feel", "got": "get", "gotten": "get", "went": "go", "gone": "go", "came": "come",
    "took": "take", "taken": "take", "kept": "keep", "gave": "give", "given": "give",
    "had": "have", "said": "say", "told": "tell", "saw": "see", "seen": "see", "bled": "bleed", "broke": "break",
    "broken": "break", "ate": "eat", "eaten": "eat", "drank": "drink", "slept": "sleep", "wore": "wear",
    "worn": "wear", "ran": "run", "swam": "swim", "spent": "spend", "paid": "pay", "bought": "buy",
    "brought": "bring", "thought": "think", "heard": "hear", "stung": "sting", "stuck": "stick", "shrunk": "shrink",
    "shrank": "shrink", "burnt": "burn", "began": "begin", "begun": "begin", "grew": "grow", "grown": "grow",
    "did": "do", "done": "do", "woke": "wake", "sat": "sit", "caught": "catch", "forgot": "forget",
    "found": "find", "lost": "lose", "swore": "swear", "sworn": "swear",
}


@dataclass(frozen=True)
class Entry:
    """One mapping: any of the `ask` phrases in a question adds the `say` phrases to the search."""

    ask: tuple[str, ...]
    say: tuple[str, ...]
    weight: float = DEFAULT_WEIGHT
    exact: bool = False  # ask phrases match only the word forms written ("peeling", not the treatment "peel")
    place: bool = False  # ask phrases name where, not what: never carried by the say phrases almost fully
    subject: bool = False  # asks what the documents' subject is ("what is it"): not when another topic is named
    name: bool = False  # phrases of several words are names for the treatment ("pin prick facial"), not topics


@dataclass(frozen=True)
class Lexicon:
    """All entries, plus the raw text (part of the index cache key)."""

    entries: tuple[Entry, ...]
    source: str = ""

    def words(self) -> set[str]:
        """Every folded word form the lexicon mentions (so they are known to the stemmer and the speller)."""
        out: set[str] = set()
        for entry in self.entries:
            for phrase in entry.ask + entry.say:
                for tok in tokenize(phrase):
                    out.update(word_forms(tok.word))
        return out


class LexiconError(ValueError):
    """The lexicon file is not valid."""


def parse_lexicon(text: str) -> Lexicon:
    """Parse lexicon TOML text: a list of [[map]] tables with `ask`, `say` and optional `weight`, `exact`, `place`,
    `subject`, `name`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon is not valid TOML: {exc}") from None
    entries = []
    for n, item in enumerate(data.get("map", []), start=1):
        ask, say = item.get("ask"), item.get("say")
        weight = item.get("weight", DEFAULT_WEIGHT)
        exact, place, subject = item.get("exact", False), item.get("place", False), item.get("subject", False)
        names = item.get("name", False)
        if not (isinstance(ask, list) and isinstance(say, list) and ask and say):
            raise LexiconError(f"lexicon entry {n}: needs non-empty lists 'ask' and 'say'")
        if not all(isinstance(p, str) for p in ask + say):
            raise LexiconError(f"lexicon entry {n}: phrases must be strings")
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise LexiconError(f"lexicon entry {n}: weight must be a number in (0, 1]")
        for key, flag in (("exact", exact), ("place", place), ("subject", subject), ("name", names)):
            if not isinstance(flag, bool):
                raise LexiconError(f"lexicon entry {n}: {key} must be true or false")
        for phrase in ask:
            parts = phrase.split(GAP)
            if len(parts) > 1 and (exact or not all(part.strip() for part in parts)):
                raise LexiconError(f"lexicon entry {n}: '{GAP}' must stand between words, and not in an exact entry")
        entries.append(Entry(tuple(ask), tuple(say), float(weight), exact, place, subject, names))
    return Lexicon(tuple(entries), text)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load the lexicon from a file, or the one shipped with mnqa."""
    if path is None:
        text = resources.files("mnqa").joinpath("lexicon.toml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return parse_lexicon(text)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase, in order, as typed (how analyze() records the surface of a question)."""
    return tuple(word_forms(word)[0] for word in said(phrase))


def phrase_stems(phrase: str, stemmer: Stemmer, keep_stopwords: bool = True, spell: bool = True) -> tuple[str, ...]:
    """The stems of a phrase's words, in order (stopwords kept unless asked, so 'how long' still matches); numbers
    spelt out as the analyser spells a question's, unless `spell` is false (what the documents say, as written)."""
    stop = stopwords()
    out = []
    for word in said(phrase):
        form = word_forms(word)[0]
        form = spelt_number(form) if spell else form
        if form not in stop:
            out.append(stemmer.stem(form))
        elif keep_stopwords:
            out.append(form)  # stopwords are matched as typed, the way analyze() records them
    return tuple(out)


@dataclass(frozen=True)
class CompiledLexicon:
    """A lexicon with every phrase stemmed once, indexed by first stem, for matching questions quickly."""

    entries: tuple[Entry, ...]
    asks: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]  # first stem -> (entry number, phrase stems)
    exact_asks: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]  # first word -> (entry number, phrase words)
    says: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]  # per entry: (phrase as shown, its content stems)
    ask_stems: frozenset[str]  # content stems of every ask phrase: words the lexicon knows
    gap_asks: dict[str, tuple[tuple[int, tuple[tuple[str, ...], ...]], ...]]  # first stem -> (entry, parts' stems)
    # (first stem, second stem) -> the `asks` of the first stem that can start there, in the same order: its
    # one-word phrases and those going on with that second stem; (first stem, None) -> the one-word phrases alone
    asks_by_pair: dict[tuple[str, str | None], tuple[tuple[int, tuple[str, ...]], ...]]
    names: frozenset[int] = frozenset()  # the entries marked `name`: clients' names for the treatment

    def matches(self, sequence: list[str], own: set[str], surface: list[str] | None = None,
                ) -> dict[int, list[tuple[str, ...]]]:
        """Entries whose ask phrases occur in a question (stems in order), with the stems of the phrases that matched.

        A phrase of several words must stand side by side, except where it has a gap ("leave ... scars"); a one-word
        phrase may also be one of `own`, the question's searched words (so joined words such as "dermaroller" match
        too). An exact entry's phrases are matched against `surface`, the question's words as typed, in the same
        places as `sequence`. A phrase that only ever occurs inside a longer phrase of another entry gives way to it.
        """
        found: dict[int, list[tuple[str, ...]]] = {}

        def add(n: int, phrase: tuple[str, ...]) -> None:
            if phrase not in found.get(n, []) and (n, phrase) not in shadowed:
                found.setdefault(n, []).append(phrase)

        # A hedge inside a phrase does not break it: "what even is" asks "what is" (but "even out" is a phrase).
        plain = [s for s in sequence if s not in HEDGES]
        seqs = (sequence, plain) if len(plain) < len(sequence) else (sequence,)
        # "isn't allowed" asks what "not allowed" does: a negation said short is read spelt out as well. Read without
        # it too, since a passage that answers a question answers its negation: "what shouldn't I put on after" asks
        # what "what should I put on after" does.
        if any(s in NEGATIONS or s == "not" for s in plain):
            spelt = [part for s in plain for part in NEGATIONS.get(s, (s,))]
            seqs = (*seqs, *([spelt] if spelt != plain else []), [s for s in spelt if s != "not"])
        # Told in the past, asked the same: "my face felt hot" matches "feel hot", "it went darker" "go darker".
        if not IRREGULAR_PASTS.keys().isdisjoint(plain):
            seqs = (*seqs, [IRREGULAR_PASTS.get(s, s) for s in plain])
        spans = [self._side_by_side(seq) for seq in seqs]
        shadowed = _shadowed(spans[0])
        for seq, seq_spans in zip(seqs, spans):
            for _, _, n, phrase in seq_spans:
                add(n, phrase)
            for i, stem in enumerate(seq):
                for n, parts in self.gap_asks.get(stem, ()):
                    if phrase := _gapped_match(seq, i, parts):
                        add(n, phrase)
        for i, word in enumerate(surface or ()):
            for n, phrase in self.exact_asks.get(word, ()):
                if tuple(surface[i : i + len(phrase)]) == phrase:
                    add(n, tuple(sequence[i : i + len(phrase)]))
        for stem in sorted(own):
            for n, phrase in self.asks.get(stem, ()):
                if len(phrase) == 1:
                    add(n, phrase)
        return dict(sorted(found.items()))

    def _side_by_side(self, seq: list[str]) -> list[tuple[int, int, int, tuple[str, ...]]]:
        """Where the ask phrases without gaps occur in a question: (start, end, entry number, phrase stems)."""
        # Looked up by the first two stems: a common first word ("how") starts many phrases, few of them here.
        by_pair = self.asks_by_pair
        return [(i, i + len(phrase), n, phrase) for i, (stem, nxt) in enumerate(zip(seq, [*seq[1:], None]))
                for n, phrase in by_pair.get((stem, nxt)) or by_pair.get((stem, None), ())
                if len(phrase) < 3 or tuple(seq[i : i + len(phrase)]) == phrase]


def _shadowed(spans: list[tuple[int, int, int, tuple[str, ...]]]) -> set[tuple[int, tuple[str, ...]]]:
    """The (entry, phrase) matches that only ever occur inside a longer phrase of another entry: in "sun damage",
    the damage the sun did, not the sun itself."""
    def inside(a: int, b: int, n: int) -> bool:
        return any(c <= a and b <= d and d - c > b - a and m != n for c, d, m, _ in spans)
    occurrences: dict[tuple[int, tuple[str, ...]], list[bool]] = {}
    for a, b, n, phrase in spans:
        occurrences.setdefault((n, phrase), []).append(inside(a, b, n))
    return {key for key, within in occurrences.items() if all(within)}


def _gapped_match(seq: list[str], i: int, parts: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The stems of a gapped phrase's parts if it occurs at seq[i], each part at most MAX_GAP words after the last."""
    if tuple(seq[i : i + len(parts[0])]) != parts[0]:
        return None
    end, matched = i + len(parts[0]), parts[0]
    for part in parts[1:]:
        at = next((j for j in range(end, min(end + MAX_GAP, len(seq) - len(part)) + 1)
                   if tuple(seq[j : j + len(part)]) == part), None)
        if at is None:
            return None
        end, matched = at + len(part), matched + part
    return matched


def compile_lexicon(lexicon: Lexicon, stemmer: Stemmer) -> CompiledLexicon:
    """Stem every phrase of a lexicon once."""
    asks: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    exact_asks: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    gap_asks: dict[str, list[tuple[int, tuple[tuple[str, ...], ...]]]] = {}
    says = []
    ask_stems: set[str] = set()
    for n, entry in enumerate(lexicon.entries):
        for phrase in entry.ask:
            if GAP in phrase:
                parts = tuple(phrase_stems(part, stemmer) for part in phrase.split(GAP))
                if all(parts):
                    gap_asks.setdefault(parts[0][0], []).append((n, parts))
                    ask_stems.update(phrase_stems(phrase.replace(GAP, " "), stemmer, keep_stopwords=False))
                continue
            stems = phrase_stems(phrase, stemmer)
            if stems:
                if entry.exact:
                    words = phrase_words(phrase)
                    exact_asks.setdefault(words[0], []).append((n, words))
                else:
                    asks.setdefault(stems[0], []).append((n, stems))
                ask_stems.update(phrase_stems(phrase, stemmer, keep_stopwords=False))
        says.append(tuple((fold_phrase(p), phrase_stems(p, stemmer, keep_stopwords=False, spell=False))
                          for p in entry.say))
    by_pair: dict[tuple[str, str | None], tuple[tuple[int, tuple[str, ...]], ...]] = {}
    for first, phrases in asks.items():
        by_pair[first, None] = tuple(p for p in phrases if len(p[1]) == 1)
        for second in {phrase[1] for _, phrase in phrases if len(phrase) > 1}:
            by_pair[first, second] = tuple(p for p in phrases if len(p[1]) == 1 or p[1][1] == second)
    return CompiledLexicon(lexicon.entries, {k: tuple(v) for k, v in asks.items()},
                           {k: tuple(v) for k, v in exact_asks.items()}, tuple(says), frozenset(ask_stems),
                           {k: tuple(v) for k, v in gap_asks.items()}, by_pair,
                           frozenset(n for n, entry in enumerate(lexicon.entries) if entry.name))


def fold_phrase(phrase: str) -> str:
    """A phrase folded for display (case and accents)."""
    return " ".join(fold(phrase).split())
