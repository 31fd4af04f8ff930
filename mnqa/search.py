"""Search: rank passages for an analysed query, fold near-twins together, mark answers, and abstain.

Abstention's main measure is `coverage`: how much of what was asked the best passage speaks to. Each word of the
asker's counts by how informative it is: its idf; for a word the documents and the lexicon have never seen, as
much as the rarest word if it is rare in everyday English too ("cellulite"), little if it is common ("car"). A
word is covered when the passage has it, or partly covered when the passage has one of its lexicon expansions.
The constants were chosen by measuring the labelled questions (`scripts/tune.py`). Coverage and the other
measures of the best-covered passage (`_measures`) go to the abstention model, which decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mnqa.abstention import MEASURES, load_model
from mnqa.analysis import NUMBER_WORDS, WORD_RE, Stemmer, can_be_noun, lemma_zipf, stopwords, tokenize, word_forms
from mnqa.documents import is_bullet
from mnqa.index import Index
from mnqa.models import Hit, Passage
from mnqa.query import TIME_STEMS, Query

COVERAGE_MIN = 0.45  # coverage enough to answer on its own: one of the abstention model's measures
EXPANSION_CREDIT = 0.8  # how far an expansion stands in for the asker's own word when judging coverage
UNKNOWN_CAP = 1.0  # unknown words weigh together at most as much as this many of them
# A question put to the clinic itself weighs like this many words the documents never use: over the 1,779 dev
# questions the pattern matches 77 unanswerable questions and 5 answerable ones, three of them "do u guys numb ..."
# (tests/eval, README).
CLINIC_WEIGHT = 2.0
GENERIC_WEIGHT = 0.1  # a common word ("need", "place", "easily") counts a tenth of a topic word
# A word said after the question, as context ("I'm a germaphobe", "my fiance thinks it's scary"), counts a quarter
# towards what was asked, whether or not the documents use it (known words too: 17 dev questions better, 4 worse);
# so does an unknown word in a likeness or in brackets, where a known one may name the topic ("(radiofrequency?)").
ASIDE_WEIGHT = 0.25
# A word the documents never use counts by how rare it is in everyday English (Zipf scale): fully at or below
# ZIPF_RARE ("botox", "tattoo"), not at all from ZIPF_COMMON ("have", "the"), in proportion between.
ZIPF_RARE = 4.5
ZIPF_COMMON = 6.5
# A word that can only be a verb, adjective or adverb ("postpone", "torn", "halfway") says how, not what: it
# counts a quarter. What a question is about is a thing ("cellulite", "tattoo", "insurance"). Over the 1,939 dev
# questions, with the Zipf band re-swept for it (scripts/tune.py): 9 fewer answerable questions refused (11 more
# answered, 2 fewer) and 1 more unanswerable one refused (README).
NOT_A_NOUN_WEIGHT = 0.25
TWIN_MIN = 0.65  # share of the smaller passage's stems found in the other, above which they say the same thing
TWIN_SCAN = 50  # candidates looked at for twins of the results
TWIN_MIN_WORDS = 8  # shorter passages (a heading-like line, a two-item list) are never folded
COVERAGE_DEPTH = 3  # results looked at when judging coverage
TIE_BREAK = 0.2  # how much a group's other matching members add to its best one
SHORTLIST = 200  # candidates looked at past the score sort; enough for any page of distinct results
# BM25 adds up what each word scores, so a passage can win on one word's many expansions alone. The first
# RERANK_DEPTH candidates are reordered by score x (coverage + RERANK_FLOOR) ** RERANK_POWER: a passage that speaks
# to more of what was asked moves up. Measured with powers 0.25..0.75 and 5..20 candidates: about the same gain.
RERANK_DEPTH = 10
RERANK_POWER = 0.5
RERANK_FLOOR = 0.05
# An expansion of several words ("treating sun damage") is searched word by word, so a passage with only one of
# them ("damage") scores nearly as if it had them all. A head passage with every word of such an expansion gains
# this share per expansion, for at most PHRASES_COUNTED of them. Over the dev questions 0.07 to 0.13 did about the
# same; counting every such expansion, or only one per asked word, did worse.
PHRASE_BONUS = 0.1
PHRASES_COUNTED = 2


_MONEY_RE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:dollars?|euros?|pounds?|usd|eur|gbp)\b", re.I)
_PERCENT_RE = re.compile(r"\d\s?(?:%|per\s?cent\b|percent\b)", re.I)
_LENGTH_RE = re.compile(r"\d\s?(?:mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?|inch(?:es)?)\b", re.I)
# A sentence opening with a pronoun that points back ("This occurs when", "They do this"): not an answer alone.
_ANAPHOR_RE = re.compile(r"(?:this|these|they|it|that)\s+(?:may|might|can|could|will|would|should|must|is|are|was|"
                         r"were|has|have|had|do|does|did|occurs?|happens?|means?|also|then|usually|often)\b", re.I)
# A person's age, or an age group: "18 years old", "aged 16", "over 21", "adults", "teenagers".
_AGE_RE = re.compile(r"\b(?:\d+\s?(?:years?|yrs?)[\s-]?old|aged?\s(?:of\s)?\d+|(?:under|over)\s\d+|adults?|"
                     r"teen(?:ager)?s?|child(?:ren)?|minors?)\b", re.I)
_VAGUE_AMOUNTS = {"several", "few", "couple", "many", "numerous"}
_PASSING = frozenset({"temporari", "resolv"})  # stems of "temporary", "resolve(s)": a thing that passes


@dataclass(frozen=True)
class _Analysed:
    """A passage's words as the search needs them: stems by character span, and the set of stems."""

    spans: tuple[tuple[int, int, str], ...]  # (start, end, stem) over passage.text
    text_stems: frozenset[str]
    all_stems: frozenset[str]  # with the section heading and the lead-in
    sentences: tuple[tuple[int, int, frozenset[str]], ...]  # (start, end, stems) per sentence, or the whole text


@dataclass(frozen=True)
class _CoveragePlan:
    """A query as coverage weighs it (see Searcher._covered)."""

    # Per word asked: (info, credit for an expansion, own stem or None, expansion stems, unknown weight, index
    # of the word it is an alternative to).
    words: tuple[tuple[float, float, str | None, frozenset[str], float, int | None], ...]
    beyond: float  # what a question to the clinic itself adds to what is asked
    frames: tuple[tuple[float, frozenset[str]], ...]  # the frame phrases' info and stems
    topics: tuple[str | None, ...]  # what is asked beyond the frame and the documents' subject (Searcher._topics)


@dataclass(frozen=True)
class Ranked:
    """The outcome of a search before it is packaged as an Answer."""

    hits: list[Hit]
    more: bool
    coverage: float
    answered: bool
    # abstention.MEASURES of the best-covered first result; () when refused whatever they are (nothing found, or an
    # amount asked for that no first result states)
    measures: tuple[float, ...] = ()


def rarity(word: str) -> float:
    """How much a word the documents never use says about a topic (0..1), from how rare it is in English and
    whether it can name a thing."""
    rare = min(1.0, max(0.0, (ZIPF_COMMON - lemma_zipf(word)) / (ZIPF_COMMON - ZIPF_RARE)))
    return rare if can_be_noun(word) else rare * NOT_A_NOUN_WEIGHT


def _answered_share(part: tuple[float, float, float]) -> float:
    """The share of a word's weight (want, got, unknown) that a passage answers."""
    want, got, unknown = part
    return got / (want + unknown) if want + unknown else 0.0


class Searcher:
    """Ranks passages of one index; keeps per-passage analysis cached between questions."""

    def __init__(self, index: Index, stemmer: Stemmer) -> None:
        self.index = index
        self.stemmer = stemmer
        self._analysed = lru_cache(maxsize=4096)(self._analyse)
        self._word_stems: dict[str, tuple[str, ...]] = {}  # word as written -> its stems (bounded below)
        self._posting_lists: dict[str, list[tuple[int, float]]] = {}  # stem -> postings as Python pairs
        self._twins: dict[tuple[int, int], bool] = {}  # (smaller id, larger id) -> whether they are twins
        self._sentence_words: dict[int, list[list[str]]] = {}  # passage id -> its sentences' words (_states_amount)
        self.unknown_weight = index.idf_weight("\0")  # as informative as a word in no passage

    def _analyse(self, pid: int) -> _Analysed:
        p = self.index.passages[pid]
        # Stems per word as written, memoised across passages (folding each word is the costly part): a word
        # matched in a text is matched whole on its own, so tokenize(word) analyses it exactly as in the text.
        memo = self._word_stems
        if len(memo) > 200_000:
            memo.clear()
        stop = stopwords()
        spans = []
        for m in WORD_RE.finditer(p.text):
            stems = memo.get(m.group())
            if stems is None:
                stems = memo[m.group()] = tuple(
                    self.stemmer.stem(f) for tok in tokenize(m.group()) for f in word_forms(tok.word) if f not in stop
                )
            start, end = m.span()
            spans.extend((start, end, s) for s in stems)
        text_stems = frozenset(s for _, _, s in spans)
        extra = set()
        for part in (p.section, p.context):
            for tok in tokenize(part or ""):
                extra.update(self.stemmer.stem(f) for f in word_forms(tok.word) if f not in stop)
        sentences = tuple(
            (s0, e0, frozenset(stem for s, _, stem in spans if s0 <= s < e0))
            for s0, e0 in p.sentences or ((0, len(p.text)),)
        )
        return _Analysed(tuple(spans), text_stems, text_stems | extra, sentences)

    def scores(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """Candidate passage ids in rank order (score descending, then id) and their scores.

        A passage's score adds up, per group, rank-bm25's score of the group's best member times its weight,
        plus TIE_BREAK times the others'; a group of one word is plain BM25.

        Only the passages containing a query word are touched (a passage without any adds exactly 0.0 per
        group); a few postings are added up in plain Python, many with numpy: the same float operations in
        the same order either way, so the same scores to the last bit.
        """
        members_of = [list(g.members().items()) for g in query.searchable]
        df = self.index.df
        if sum(df.get(stem, 0) for members in members_of for stem, _ in members) <= 600:  # few: Python beats numpy
            lists = self._posting_lists
            total_of: dict[int, float] = {}
            for members in members_of:
                pairs_of = []
                for stem, weight in members:
                    pairs = lists.get(stem)
                    if pairs is None:
                        if len(lists) > 50_000:
                            lists.clear()
                        pids, scores = self.index.term(stem)
                        pairs = lists[stem] = list(zip(pids.tolist(), scores.tolist()))
                    pairs_of.append((weight, pairs))
                if len(pairs_of) == 1:  # best and rest are the one member's: s + TIE_BREAK * 0.0 is s
                    weight, pairs = pairs_of[0]
                    for pid, score in pairs:
                        total_of[pid] = total_of.get(pid, 0.0) + weight * score
                    continue
                best_of: dict[int, float] = {}
                rest_of: dict[int, float] = {}
                for weight, pairs in pairs_of:
                    for pid, score in pairs:
                        s = weight * score
                        rest_of[pid] = rest_of.get(pid, 0.0) + s
                        b = best_of.get(pid, 0.0)
                        best_of[pid] = s if s > b else b
                for pid, r in rest_of.items():
                    b = best_of[pid]
                    total_of[pid] = total_of.get(pid, 0.0) + (b + TIE_BREAK * (r - b))
            ranked = sorted((-t, pid) for pid, t in total_of.items() if t != 0.0)
            if len(ranked) > SHORTLIST:
                ranked = [r for r in ranked if r[0] <= ranked[SHORTLIST - 1][0]]  # ties at the cut all stay
            return np.array([p for _, p in ranked], dtype=np.intp), np.array([-t for t, _ in ranked], dtype=np.float64)
        groups = [[(weight, *self.index.term(stem)) for stem, weight in members] for members in members_of]
        n = len(self.index.passages)
        total = np.zeros(n, dtype=np.float64)
        best = np.zeros(n, dtype=np.float64)
        rest = np.zeros(n, dtype=np.float64)
        for members in groups:
            members = [(pids, weight * scores) for weight, pids, scores in members if len(pids)]
            if len(members) == 1:  # best and rest are the one member's: the group adds exactly its score
                total[members[0][0]] += members[0][1]
            elif members and sum(len(pids) for pids, _ in members) * 4 > n:  # most passages: whole arrays
                everywhere = np.bincount(np.concatenate([pids for pids, _ in members]),
                                         np.concatenate([s for _, s in members]), n)  # sums in member order
                best[members[0][0]] = members[0][1]
                for pids, s in members[1:]:
                    np.maximum.at(best, pids, s)
                total += best + TIE_BREAK * (everywhere - best)
                best.fill(0.0)
            elif members:
                for i, (pids, s) in enumerate(members):
                    if i == 0:  # onto zeros: 0.0 + s and max(0.0, s) are s itself
                        rest[pids] = s
                        best[pids] = s
                    else:
                        rest[pids] += s
                        best[pids] = np.maximum(best[pids], s)
                at = np.concatenate([pids for pids, _ in members])
                total[at] += best[at] + TIE_BREAK * (rest[at] - best[at])  # a repeated id gets the same value twice
                best[at] = 0.0
                rest[at] = 0.0
        cand = None
        if n > 20 * SHORTLIST:
            # The SHORTLIST-th best of a sample is at most the SHORTLIST-th best of all: a cheap first cut that
            # keeps every passage the exact cut below keeps.
            sample = total[:: n // (10 * SHORTLIST)]
            if len(sample) > SHORTLIST:
                floor = np.partition(sample, len(sample) - SHORTLIST)[len(sample) - SHORTLIST]
                if floor > 0.0:
                    cand = np.flatnonzero(total >= floor)
        if cand is None:
            cand = np.flatnonzero(total)
        if len(cand) > SHORTLIST:
            cut = np.partition(total[cand], len(cand) - SHORTLIST)[len(cand) - SHORTLIST]
            cand = cand[total[cand] >= cut]  # ties at the cut all stay, so the order stays deterministic
        order = np.lexsort((cand, -total[cand]))
        return cand[order], total[cand[order]]

    def ideal(self, query: Query) -> float:
        """The score of an imaginary passage that has every group's best member at its best."""
        return sum(max(w * self.index.max_score(s) for s, w in g.members().items()) for g in query.searchable)

    def _coverage_plan(self, query: Query) -> _CoveragePlan:
        """What coverage needs of a query, worked out once for all the passages it is asked of."""
        words: list[tuple[float, float, str | None, frozenset[str], float, int | None]] = []
        at: dict[str, int] = {}  # word -> its place in words
        for g in query.groups:
            if g.phrase:
                continue  # the question's frame ("how long"), not a thing asked about
            scale = GENERIC_WEIGHT if g.generic else 1.0
            other = at.get(g.alternative_to) if g.alternative_to else None
            at[g.word] = len(words)
            if g.stem is None:
                scale *= ASIDE_WEIGHT if g.aside else 1.0
                words.append((0.0, 0.0, None, frozenset(), self.unknown_weight * scale * rarity(g.word), other))
                continue
            if g.stem in self.index.df:
                info, credit = self.index.idf_weight(g.stem), EXPANSION_CREDIT
            else:  # a word only the lexicon knows: its expansions are all it can be matched by
                info, credit = max(self.index.idf_weight(s) for s in g.expansions), 1.0
            scale *= ASIDE_WEIGHT if g.told_after or g.history or g.speaker else 1.0
            words.append((info * scale, credit, None if g.frame else g.stem, frozenset(g.expansions), 0.0, other))
        # Asked of the clinic itself ("which of your girls does it"): what general articles never say counts like
        # words beyond the documents, on top of the others.
        beyond = CLINIC_WEIGHT * self.unknown_weight if query.clinic else 0.0
        # Nothing asked but the frame ("who shouldn't get this done"), or the frame and the documents' own
        # subject ("what actually is microneedling"): judged on what the frame stands for too.
        frames = [(max(self.index.idf_weight(s) for s in g.expansions), frozenset(g.expansions))
                  for g in query.groups if g.phrase and g.expansions]
        return _CoveragePlan(tuple(words), beyond, tuple(frames), tuple(self._topics(query)))

    def _covered(self, plan: _CoveragePlan, pid: int) -> float:
        """How much of what was asked passage `pid` speaks to (0..1), weighting words by informativeness."""
        return self._coverage(plan, pid, self._parts(plan, pid))

    def _parts(self, plan: _CoveragePlan, pid: int) -> list[tuple[float, float, float]]:
        """Per word asked, (want, got, unknown): its weight, how much of it passage `pid` has, and its weight as a
        word the documents never use."""
        stems = self._analysed(pid).all_stems
        parts: list[tuple[float, float, float]] = []
        for info, credit, own, expansions, unknown, other in plan.words:
            if unknown or not info:
                part = (0.0, 0.0, unknown)
            elif own is not None and own in stems:
                part = (info, info, 0.0)
            elif not expansions.isdisjoint(stems):
                part = (info, info * credit, 0.0)
            else:
                part = (info, 0.0, 0.0)
            if other is not None:
                # Of two alternatives, the less answered one does not count against the answer.
                mine, theirs = _answered_share(part), _answered_share(parts[other])
                if mine > theirs:
                    parts[other] = (0.0, 0.0, 0.0)
                elif mine < theirs:
                    part = (0.0, 0.0, 0.0)
            parts.append(part)
        return parts

    def _coverage(self, plan: _CoveragePlan, pid: int, parts: list[tuple[float, float, float]]) -> float:
        want = got = unknown = 0.0
        for w, gt, u in parts:
            want += w
            got += gt
            unknown += u
        # Words beyond the documents count, but together at most UNKNOWN_CAP words' worth: a long, chatty
        # question has many of them while asking about one thing.
        want += min(unknown, UNKNOWN_CAP * self.unknown_weight)
        want += plan.beyond
        if not want or not plan.topics:
            stems = self._analysed(pid).all_stems
            for info, expansions in plan.frames:
                want += info
                got += info if not expansions.isdisjoint(stems) else 0.0
        return got / want if want else 0.0

    def _measures(self, query: Query, plan: _CoveragePlan, pid: int, relevance: float) -> tuple[float, ...]:
        """How passage `pid` matches the question, as abstention.MEASURES (amounts in words' worth)."""
        parts = self._parts(plan, pid)
        coverage = self._coverage(plan, pid, parts)
        unit = self.unknown_weight
        unknown = [u for _, _, u in parts if u]
        known = [(w, gt) for w, gt, _ in parts if w]
        measured = {
            "coverage": coverage, "coverage_reached": float(coverage >= COVERAGE_MIN),
            "unknown": min(sum(unknown) / unit, UNKNOWN_CAP), "unknown_largest": max(unknown, default=0.0) / unit,
            "unknown_words": float(len(unknown)), "asked": sum(w for w, _ in known) / unit,
            "covered": sum(gt for _, gt in known) / unit,
            "missed_largest": max((w for w, gt in known if not gt), default=0.0) / unit,
            "known_words": float(len(known)), "covered_words": float(sum(1 for _, gt in known if gt)),
            "relevance": relevance, "clinic": float(query.clinic), "frame": float(bool(plan.frames)),
        }
        return tuple(measured[name] for name in MEASURES)

    def _topics(self, query: Query) -> list[str | None]:
        """The stems asked about (None for a word the documents never use), less the frame, common words and what
        nearly every passage is about ("microneedling" in these documents)."""
        everywhere = self.index.everywhere()
        return [g.stem for g in query.groups if not g.phrase and not g.generic and g.stem not in everywhere]

    def _ranked(self, query: Query, plan: _CoveragePlan, covered: dict[int, float]) -> tuple[list[int], list[float]]:
        """Candidate passage ids in final rank order and their ranking scores (BM25 reweighed by coverage); the
        coverage worked out on the way is left in `covered`."""
        cand, scores = self.scores(query)
        pids, values = cand.tolist(), scores.tolist()
        for pid in pids[:RERANK_DEPTH]:
            covered[pid] = self._covered(plan, pid)
        head = sorted(
            (-(score * (covered[pid] + RERANK_FLOOR) ** RERANK_POWER * self._phrase_factor(query, pid)), pid)
            for pid, score in zip(pids[:RERANK_DEPTH], values[:RERANK_DEPTH])
        )
        # Past the head, coverage is not worked out: each passage gets the lowest factor, which keeps every score
        # in rank order (a head passage's score is at least that factor times a tail passage's).
        least = RERANK_FLOOR**RERANK_POWER
        return ([pid for _, pid in head] + pids[RERANK_DEPTH:],
                [-v for v, _ in head] + [v * least for v in values[RERANK_DEPTH:]])

    def _phrase_factor(self, query: Query, pid: int) -> float:
        """How much a passage gains for having every word of the query's expansions of several words."""
        if not query.phrases:
            return 1.0
        stems = self._analysed(pid).text_stems
        whole = sum(1 for phrase in query.phrases if stems.issuperset(phrase))
        return 1.0 + PHRASE_BONUS * min(whole, PHRASES_COUNTED)

    def search(self, query: Query, top_k: int, start: int = 0) -> Ranked:
        """The distinct results start..start+top_k for a query, with twins folded and the abstention verdict."""
        plan = self._coverage_plan(query)
        covered: dict[int, float] = {}
        cand, scores = self._ranked(query, plan, covered)
        chosen: list[tuple[int, float, list[str]]] = []  # (pid, score, also_in sources)
        more = False
        known = self._twins  # verdicts read here, not through a call: this runs for every candidate of every question
        # Past the last result, keep looking a little further only to find twins of the results ("also in").
        for n, (pid, score) in enumerate(zip(cand, scores)):
            if more and n >= TWIN_SCAN:
                break
            twin_of = None
            for i, (other, _, _) in enumerate(chosen):
                verdict = known.get((pid, other) if pid < other else (other, pid))
                if verdict if verdict is not None else self._are_twins(pid, other):
                    twin_of = i
                    break
            if twin_of is not None:
                source = self.index.passages[pid].source
                also = chosen[twin_of][2]
                if source != self.index.passages[chosen[twin_of][0]].source and source not in also:
                    also.append(source)
            elif len(chosen) == start + top_k:
                more = True
            else:
                chosen.append((pid, score, []))
        # Judged on the best of the first results a reader sees, not on the first alone.
        first = [pid for pid, _, _ in chosen[:COVERAGE_DEPTH]]
        # (coverage, pid) of the best-covered of them, the first on a tie
        coverage, best = max(((covered[pid] if pid in covered else self._covered(plan, pid), pid) for pid in first),
                             key=lambda cp: cp[0], default=(0.0, -1))
        ideal = self.ideal(query) or 1.0
        measures: tuple[float, ...] = ()
        if chosen:
            # Asked for an amount (a price, "how many weeks"): only a passage that states one answers.
            topic = {stem for stem in plan.topics if stem}
            if not query.expects or any(self._states_amount(pid, query.expects, topic) for pid in first):
                measures = self._measures(query, plan, best, min(1.0, chosen[0][1] / ideal))
        answered = bool(measures) and load_model().answers(measures)
        # Each group's members by how much they say (weight x idf), for choosing every hit's answer sentence.
        idf = self.index.idf_weight
        groups = [{st: w * idf(st) for st, w in g.members().items()} for g in query.searchable]
        hits = [
            self._hit(rank, pid, score, min(1.0, score / ideal), tuple(also), query.weights, groups)
            for rank, (pid, score, also) in enumerate(chosen[start:], start=start + 1)
        ]
        return Ranked(hits, more, coverage, answered, measures)

    def _states_amount(self, pid: int, expects: str, topic: set[str]) -> bool:
        """Whether a passage states an amount: money, a length, a percentage, a person's age, or a number of the
        time unit.

        A vague amount ("within a few days") counts only in a sentence about what was asked ("redness"): "how
        many weeks apart are sessions" is not answered by "results develop over several weeks". So does, for how
        long something lasts, a sentence about it saying it passes ("temporary", "should resolve on its own").
        """
        text = self.index.passages[pid].text
        if expects == "money":
            return bool(_MONEY_RE.search(text))
        if expects == "length":
            return bool(_LENGTH_RE.search(text))
        if expects == "percent":
            return bool(_PERCENT_RE.search(text))
        if expects == "age":
            return bool(_AGE_RE.search(text))
        words_of = self._sentence_words.get(pid)
        if words_of is None:  # a passage's sentences are tokenized once, for every question asking an amount
            if len(self._sentence_words) > 20_000:  # bounded, for a very large corpus
                self._sentence_words.clear()
            words_of = self._sentence_words[pid] = [[t.word for t in tokenize(text[s0:e0])]
                                                    for s0, e0, _ in self._analysed(pid).sentences]
        for (_, _, stems), words in zip(self._analysed(pid).sentences, words_of):
            about_topic = bool(topic & stems)
            if expects == "duration" and about_topic and not _PASSING.isdisjoint(stems):
                return True  # how long something lasts, said in words: "temporary", "should resolve on its own"
            for before, word in zip(words, words[1:]):
                number = before[:1].isdigit() or before in NUMBER_WORDS
                amount = number or (before in _VAGUE_AMOUNTS and about_topic)
                unit = self.stemmer.stem(word)
                if amount and (unit == expects or
                               # How long something lasts: a span of time said of that thing ("redness ... within a
                               # few days").
                               expects == "duration" and unit in TIME_STEMS and about_topic):
                    return True
        return False

    def _are_twins(self, a: int, b: int) -> bool:
        # The same few passages meet again and again across questions: remember each pair's verdict.
        key = (a, b) if a < b else (b, a)
        known = self._twins.get(key)
        if known is None:
            if len(self._twins) > 500_000:
                self._twins.clear()
            mine, theirs = self._analysed(a).text_stems, self._analysed(b).text_stems
            # Overlap of the smaller passage: a paragraph repeated inside a longer one is still a twin.
            smaller = min(len(mine), len(theirs))
            known = self._twins[key] = smaller >= TWIN_MIN_WORDS and len(mine & theirs) / smaller >= TWIN_MIN
        return known

    def _hit(self, rank: int, pid: int, score: float, relevance: float, also: tuple[str, ...],
             weights: dict[str, float], groups: list[dict[str, float]]) -> Hit:
        p: Passage = self.index.passages[pid]
        analysed = self._analysed(pid)
        spans = analysed.spans
        highlights = tuple(dict.fromkeys((s, e) for s, e, stem in spans if stem in weights))
        # The answer is the sentence that speaks to the most of what was asked: per group, its best member.
        best, best_value = (0, len(p.text)), -1.0
        for s0, e0, stems in analysed.sentences:
            found = stems.intersection(weights)
            value = 0.0
            if found:  # plain loops: this runs for every sentence of every hit, and generators cost more here
                for members in groups:
                    top = None
                    for st in found:
                        v = members.get(st)
                        if v is not None and (top is None or v > top):
                            top = v
                    if top is not None:
                        value += top
            if value > best_value:
                best, best_value = (s0, e0), value
        if _ANAPHOR_RE.match(p.text[best[0] : best[1]]):
            # "This occurs when ..." means nothing alone: the sentence it points back to comes with it.
            before = [(s0, e0) for s0, e0, _ in analysed.sentences if e0 <= best[0] and not p.text[e0 : best[0]].strip()]
            if before:
                best = (before[-1][0], best[1])
        if p.text[best[0] : best[1]].rstrip().endswith(":"):
            # A lead-in ("Side effects may include:") announces the answer; its list items are the answer.
            for s0, e0, _ in analysed.sentences:
                if s0 >= best[1] and is_bullet(p.text[s0:e0]) and not p.text[best[1] : s0].strip():
                    best = (best[0], e0)
        return Hit(rank, round(score, 6), round(relevance, 4), p, p.text[best[0] : best[1]], best, highlights, also)
