#!/usr/bin/env python3
"""Benchmark mnqa (issue 5): cold start, the prompt, batch throughput, scale to 100,000 passages, and bm25s.

    PYTHONPATH=. .venv/bin/python scripts/bench.py [--quick] [--out FILE] [--work DIR]

Prints one table; every row is measured in this run, side by side with its reference where there is one:
  - cold start: `mnqa ask "does it hurt" --format json` (warm index cache) against `python -c "import nltk"`,
    interleaved runs, medians;
  - the interactive prompt in a pseudo-terminal: launch to prompt, and to the first answer;
  - batch throughput on the five documents, 2,000 questions (the labelled questions cycled), start-up
    subtracted: in-process `engine.ask`, and `mnqa batch` (by default, and with `--jobs 1`) minus a
    one-question batch;
  - scale on generated corpora (scripts/make_big_corpus.py) of 1k, 10k and 100k passages (--quick: 1k and 10k):
    first index build (with its progress reports), warm `mnqa ask`, per-question latency in a batch, peak memory;
  - bm25s (the benchmark-only extra: pip install -e '.[bench]') indexing and querying the same passages and
    tokens (mnqa's own tokenization) at the largest size, as reference rows.

Child processes get PYTHONDONTWRITEBYTECODE removed, as an installed package has its bytecode compiled; a
first untimed run writes it. Generated corpora and caches live under --work (default /tmp/mnqa-bench), never
in the checkout. Timings on a shared machine are noisy: medians of several runs, and the load average is shown.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
QUESTION = "does it hurt"
THROUGHPUT_QUESTIONS = 2000
SIZES = (1_000, 10_000, 100_000)
LATENCY_QUESTIONS = {1_000: 1000, 10_000: 600, 100_000: 400}


# --- helpers ----------------------------------------------------------------------------------------------------


def questions() -> list[str]:
    """The labelled questions of tests/eval/*.jsonl, in file order."""
    out = []
    for path in sorted(glob.glob(str(ROOT / "tests" / "eval" / "*.jsonl"))):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["q"])
    return out


def spread(qs: list[str], n: int) -> list[str]:
    """n questions taken evenly across all of qs (every len/n-th), so each set weighs by its size."""
    return [qs[i * len(qs) // n] for i in range(n)] if len(qs) >= n else [qs[i % len(qs)] for i in range(n)]


def first(qs: list[str], n: int) -> list[str]:
    """The first n questions in file-name order: the bench's sample until the thirty-fourth session."""
    return [qs[i % len(qs)] for i in range(n)]


SAMPLES = {"spread": spread, "first": first}


def child_env(cache_home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = str(cache_home)
        env["XDG_DATA_HOME"] = str(cache_home / "data")
        env["XDG_CONFIG_HOME"] = str(cache_home / "config")
    env.pop("MNQA_CORPUS", None)
    return env


def run_measured(cmd: list[str], env: dict[str, str], stdin_path: Path | None = None) -> tuple[float, int, bytes, int]:
    """Run a command with its output to a file; (wall seconds, exit code, stdout, peak RSS in KiB via wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=stdin, stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_path:
                stdin.close()
        out.seek(0)
        err.seek(0)
        data = out.read()
        if proc.returncode not in (0, 1):
            sys.stderr.write(f"bench: {' '.join(cmd[:4])} ... exited {proc.returncode}:\n{err.read().decode()[-2000:]}\n")
        return wall, proc.returncode, data, usage.ru_maxrss


def child(mode: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run this script in a child mode and return the JSON it prints (with the child's peak RSS)."""
    wall, code, out, rss = run_measured([PY, str(Path(__file__).resolve()), "--child", mode, *args], env or child_env())
    if code != 0:
        raise SystemExit(f"bench: child {mode} failed")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["wall"] = wall
    result["rss_kib"] = rss
    return result


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def cli_available() -> bool:
    """Whether mnqa/cli.py exists (the CLI was being written when this benchmark was)."""
    return (ROOT / "mnqa" / "cli.py").exists()


def ask_command(question: str, corpus: Path | None = None) -> list[str]:
    """`mnqa ask QUESTION --format json`, or the engine directly when there is no CLI yet."""
    if cli_available():
        return [PY, "-m", "mnqa", *(["--corpus", str(corpus)] if corpus else []), "ask", question, "--format", "json"]
    code = (
        "import dataclasses, json, os, sys; from mnqa.engine import Engine; "
        f"e = Engine.from_corpus({str(corpus or ROOT / 'corpus')!r}, "
        "cache_dir=os.path.join(os.environ['XDG_CACHE_HOME'], 'mnqa')); "
        f"print(json.dumps(dataclasses.asdict(e.ask({question!r})), default=str))"
    )
    return [PY, "-c", code]


# --- child modes (run in a fresh process each) --------------------------------------------------------------------


def _lazy_imports() -> float:
    """Load what answering loads on first need (nltk's stemmer and edit distance, the English word frequencies):
    start-up, timed apart."""
    start = time.perf_counter()
    from nltk.metrics.distance import edit_distance  # noqa: F401
    from nltk.stem.snowball import SnowballStemmer  # noqa: F401

    from mnqa.analysis import load_frequencies

    load_frequencies()

    return time.perf_counter() - start


def child_build(corpus: str, cache: str) -> dict:
    """First index build (cache empty) with the progress reports it makes."""
    import resource

    from mnqa.engine import Engine

    marks: list[tuple[float, int]] = []
    start = time.perf_counter()
    engine = Engine.from_corpus(corpus, cache_dir=cache, progress=lambda done, total: marks.append((time.perf_counter() - start, done)))
    seconds = time.perf_counter() - start
    times = [0.0] + [t for t, _ in marks] + [seconds]
    cache_bytes = sum(f.stat().st_size for f in Path(cache).glob("*.idx"))
    idx = engine.index

    def stage(lo: int, hi: int) -> float:  # seconds between the first reports at or past lo and hi percent
        at = lambda p: next((t for t, d in marks if d >= p), seconds)  # noqa: E731
        return at(hi) - at(lo)

    return {
        "seconds": seconds, "passages": len(idx.passages), "documents": len(idx.docs), "terms": len(idx.df),
        "postings": len(idx.pids), "updates": len(marks), "longest_gap": max(b - a for a, b in zip(times, times[1:])),
        "monotonic": all(b[1] >= a[1] for a, b in zip(marks, marks[1:])),
        "stage_passages": stage(0, 55), "stage_bm25": stage(55, 90), "stage_rest": stage(90, 101),
        "cache_bytes": cache_bytes,
        "rss_self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_workers_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def child_latency(corpus: str, cache: str, n: str, sample: str = "spread") -> dict:
    """Per-question latency of engine.ask in a batch (index from the warm cache), and throughput."""
    start = time.perf_counter()
    from mnqa.engine import Engine

    engine = Engine.from_corpus(corpus, cache_dir=cache)
    load = time.perf_counter() - start
    lazy = _lazy_imports()
    qs = SAMPLES[sample](questions(), int(n))
    lat = []
    t0 = time.perf_counter()
    for q in qs:
        t = time.perf_counter()
        engine.ask(q)
        lat.append(time.perf_counter() - t)
    total = time.perf_counter() - t0
    return {"load": load, "lazy": lazy, "n": int(n), "total": total, "qps": int(n) / total,
            "p50": pct(lat, 0.5), "p90": pct(lat, 0.9), "p99": pct(lat, 0.99), "max": max(lat)}


def child_bm25s(corpus: str, cache: str) -> dict:
    """bm25s on mnqa's passages and tokens: index time and per-query latency, next to mnqa's own ranking."""
    import random

    import numpy as np

    try:
        import bm25s
    except ImportError:
        return {"missing": True}
    from mnqa.engine import Engine
    from mnqa.index import _Terms, passage_terms

    engine = Engine.from_corpus(corpus, cache_dir=cache)
    stemmer = engine.index.stemmer()
    passages = list(engine.index.passages)
    terms = _Terms(stemmer)  # passage_terms, memoised per word (the build's own path)
    tokens = [terms(p) for p in passages]
    rng = random.Random(5)
    sample = rng.sample(range(len(passages)), min(500, len(passages)))
    same = all(tokens[i] == passage_terms(passages[i], stemmer) for i in sample)
    start = time.perf_counter()
    retriever = bm25s.BM25(method="robertson", k1=1.2, b=0.75)  # Robertson: Okapi's idf, as rank-bm25's BM25Okapi
    retriever.index(tokens, show_progress=False)
    index_seconds = time.perf_counter() - start
    queries = [engine.analyze(q) for q in questions()]
    queries = [q for q in queries if q.weights]
    bm_lat, mnqa_lat = [], []
    for q in queries:
        stems = [s for s in q.weights if s in engine.index.df]
        if not stems:
            continue
        t = time.perf_counter()
        retriever.retrieve([stems], k=5, show_progress=False)
        bm_lat.append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.searcher.scores(q)
        mnqa_lat.append(time.perf_counter() - t)
    return {"version": bm25s.__version__, "tokens_match": same, "sample": len(sample), "passages": len(passages),
            "index": index_seconds, "bm_p50": pct(bm_lat, 0.5), "bm_p99": pct(bm_lat, 0.99),
            "scores_p50": pct(mnqa_lat, 0.5), "scores_p99": pct(mnqa_lat, 0.99), "queries": len(bm_lat),
            "numpy": np.__version__}


# --- the interactive prompt, in a pseudo-terminal --------------------------------------------------------------


def prompt_timing(env: dict[str, str]) -> dict | None:
    """Seconds from launching `python -m mnqa` on a terminal to its prompt, and to the first answer on screen."""
    try:
        import pty
    except ImportError:
        return None
    if not cli_available():
        return None
    env = dict(env, TERM="xterm-256color", LANG="C.UTF-8", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="100", LINES="30")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execve(PY, [PY, "-m", "mnqa"], env)
    seen: list[str] = []
    result = {}
    try:
        if _read_until(fd, r"mnqa>", seen, 20):
            result["prompt"] = time.perf_counter() - start
            os.write(fd, (QUESTION + "\r").encode())
            if _read_until(fd, r"002_9ba9ac79c30aa19c\.txt", seen, 20):
                result["answer"] = time.perf_counter() - start
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    return result if "answer" in result else None


def _read_until(fd: int, pattern: str, seen: list[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[\]P].*?(?:\x07|\x1b\\)|\x1b.", "", "".join(seen))
        if re.search(pattern, screen):
            return True
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                seen.append(os.read(fd, 65536).decode("utf-8", "replace"))
            except OSError:
                return False
    return False


def pty_build_progress(corpus: Path, env: dict[str, str]) -> dict | None:
    """A first build from the CLI on a terminal: does a progress bar show, and how often does it move?"""
    try:
        import pty
    except ImportError:
        return None
    if not cli_available():
        return None
    env = dict(env, TERM="xterm-256color", LANG="C.UTF-8", COLUMNS="100", LINES="30")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execve(PY, [PY, "-m", "mnqa", "--corpus", str(corpus), "ask", QUESTION, "--format", "plain"], env)
    chunks: list[tuple[float, str]] = []
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 120)
            if not ready:
                break
            try:
                data = os.read(fd, 65536).decode("utf-8", "replace")
            except OSError:
                break
            if not data:
                break
            chunks.append((time.perf_counter() - start, data))
    finally:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)
    text = "".join(c for _, c in chunks)
    bars = [m.group(1) for _, c in chunks for m in re.finditer(r"(\d+)%", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", c))]
    return {"seconds": time.perf_counter() - start, "bar": bool(bars), "distinct": len(set(bars)),
            "label": "indexing" in text, "answered": "numbing" in text.lower() or "does it hurt" in text.lower()}


# --- the benchmark ----------------------------------------------------------------------------------------------


def corpus_for(size: int, work: Path) -> Path:
    """The generated corpus of `size` passages, made once per generator version and kept under `work`."""
    gen = ROOT / "scripts" / "make_big_corpus.py"
    stamp = hashlib.sha1(gen.read_bytes() + str(size).encode()).hexdigest()[:12]
    folder = work / f"corpus-{size}"
    if (folder / ".stamp").exists() and (folder / ".stamp").read_text() == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"  generating {size:,} passages in {folder} ...", file=sys.stderr, flush=True)
    subprocess.run([PY, str(gen), str(folder), "--passages", str(size)], check=True, env=child_env(), cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    (folder / ".stamp").write_text(stamp)
    return folder


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(self, measure: str, mine: str, reference: str = "", ratio: str = "", target: str = "", ok: bool | None = None) -> None:
        self.rows.append((measure, mine, reference, ratio, target, "" if ok is None else ("yes" if ok else "NO")))
        print(f"  {measure}: {mine}" + (f" (ref {reference})" if reference else ""), file=sys.stderr, flush=True)

    def section(self, title: str) -> None:
        self.rows.append((f"**{title}**", "", "", "", "", ""))

    def render(self) -> str:
        header = ("measure", "mnqa", "reference", "ratio", "target", "ok")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(len(header))]
        line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
        return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, self.rows)])


def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x >= 0.1 else f"{x * 1000:.0f} ms"


def fmt_ms(x: float) -> str:
    return f"{x * 1000:.1f} ms" if x < 0.1 else f"{x * 1000:.0f} ms"


def fmt_mb(kib: int) -> str:
    return f"{kib / 1024:.0f} MB"


def growth(values: list[float]) -> str:
    return " → ".join(f"×{b / a:.1f}" for a, b in zip(values, values[1:]) if a > 0)


def cpu_check() -> float:
    """Seconds for a fixed pure-Python loop (median of 5): how fast this machine is running right now."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i
        times.append(time.perf_counter() - start)
    return median(times)


def bench(args: argparse.Namespace) -> str:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    table = Table()
    started = time.perf_counter()
    load0 = os.getloadavg()
    cpu0 = cpu_check()
    qs = questions()

    # --- cold start ------------------------------------------------------------------------------------------
    table.section("Cold start (the five documents, index cache warm)")
    home = Path(tempfile.mkdtemp(prefix="cold-", dir=work))
    env = child_env(home)
    cmd = ask_command(QUESTION)
    for _ in range(2):  # builds the index cache and writes bytecode (as an installed package has it)
        _, code, out, _ = run_measured(cmd, env)
    answer = json.loads(out)
    assert answer["answered"] and code == 0, "mnqa ask 'does it hurt' must answer"
    nltk_cmd = [PY, "-c", "import nltk"]
    run_measured(nltk_cmd, env)
    mine, ref, bare = [], [], []
    for _ in range(args.runs):
        ref.append(run_measured(nltk_cmd, env)[0])
        mine.append(run_measured(cmd, env)[0])
        bare.append(run_measured([PY, "-c", "pass"], env)[0])
    ratio = median(mine) / median(ref)
    how = "`mnqa ask \"does it hurt\" --format json`" if cli_available() else "engine via `python -c` (no CLI yet)"
    table.add(f"{how}, median of {args.runs}", fmt_s(median(mine)), f"{fmt_s(median(ref))} `python -c \"import nltk\"`",
              f"{ratio:.2f}x", "≤ 1.0x (aim 0.7x)", ratio <= 1.0)
    table.add("  interpreter alone (`python -c pass`), for scale", fmt_s(median(bare)))
    prompt = prompt_timing(env)
    if prompt:
        table.add("interactive prompt on a terminal: launch → prompt shown", fmt_s(prompt["prompt"]))
        table.add(f"interactive prompt: launch → first answer (\"{QUESTION}\" typed at once)", fmt_s(prompt["answer"]),
                  target="≤ 1 s", ok=prompt["answer"] <= 1.0)
    else:
        table.add("interactive prompt: first answer", "not measured (no pty or no CLI)")

    # --- batch throughput --------------------------------------------------------------------------------------
    table.section(f"Batch throughput (the five documents, {THROUGHPUT_QUESTIONS:,} of the {len(qs):,} labelled "
                  "questions, taken evenly across all the sets)")
    corpus_cache = str(home / "mnqa")
    runs, firsts = [], []
    for _ in range(3):  # interleaved, so that a slow spell of the machine falls on both samples
        runs.append(child("latency", str(ROOT / "corpus"), corpus_cache, str(THROUGHPUT_QUESTIONS), env=env))
        firsts.append(child("latency", str(ROOT / "corpus"), corpus_cache, str(THROUGHPUT_QUESTIONS), "first", env=env))
    qps = median([r["qps"] for r in runs])
    lazy = median([r["lazy"] for r in runs])
    table.add("in-process `engine.ask`, engine loaded (median of 3 processes)", f"{qps:,.0f} q/s", target="≥ 2,000 q/s",
              ok=qps >= 2000)
    table.add("  the same on the first 2,000 questions in file-name order (the sample of earlier runs; the newest, "
              "longest sets)", f"{median([r['qps'] for r in firsts]):,.0f} q/s")
    table.add("  start-up left out: engine load / first load of nltk and word frequencies (paid once, by the first unseen word)",
              f"{fmt_s(median([r['load'] for r in runs]))} / {fmt_s(lazy)}")
    if cli_available():
        many = work / "questions-2000.txt"
        sample = spread(qs, THROUGHPUT_QUESTIONS)
        many.write_text("\n".join(q.replace("\n", " ") for q in sample) + "\n", encoding="utf-8")
        one = work / "questions-1.txt"
        one.write_text(QUESTION + "\n", encoding="utf-8")
        batch = lambda f, *more: [PY, "-m", "mnqa", "batch", str(f), "--format", "jsonl", *more]  # noqa: E731
        run_measured(batch(one), env)
        big, single, small = [], [], []
        for _ in range(3):  # interleaved, so that a slow spell of the machine falls on both
            big.append(run_measured(batch(many), env)[0])
            single.append(run_measured(batch(many, "--jobs", "1"), env)[0])
            small.append(run_measured(batch(one), env)[0])
        cli_qps = (THROUGHPUT_QUESTIONS - 1) / max(1e-9, median(big) - median(small))
        one_qps = (THROUGHPUT_QUESTIONS - 1) / max(1e-9, median(single) - median(small))
        from mnqa.cli import default_workers

        table.add(f"`mnqa batch` of 2,000 minus a batch of 1 (both load the stemmer at start-up; default: "
                  f"{default_workers()} processes here)", f"{cli_qps:,.0f} q/s",
                  f"{fmt_s(median(big))} − {fmt_s(median(small))}", target="≥ 2,000 q/s", ok=cli_qps >= 2000)
        table.add("  the same in one process (`--jobs 1`), and the default's speed-up over it", f"{one_qps:,.0f} q/s",
                  f"{fmt_s(median(single))} − {fmt_s(median(small))}", f"{cli_qps / one_qps:.2f}x")

    # --- scale -----------------------------------------------------------------------------------------------
    sizes = [s for s in SIZES if not (args.quick and s > 10_000)]
    results: dict[int, dict] = {}
    for size in sizes:
        print(f"scale: {size:,} passages", file=sys.stderr, flush=True)
        folder = corpus_for(size, work)
        home = Path(tempfile.mkdtemp(prefix=f"scale-{size}-", dir=work))
        env = child_env(home)
        cache = str(home / "mnqa")
        build = child("build", str(folder), cache, env=env)
        warm_cmd = ask_command(QUESTION, folder)
        run_measured(warm_cmd, env)
        warm = [run_measured(warm_cmd, env) for _ in range(3)]
        lat = child("latency", str(folder), cache, str(LATENCY_QUESTIONS[size]), env=env)
        results[size] = {"build": build, "warm": median([w[0] for w in warm]), "warm_rss": max(w[3] for w in warm),
                         "lat": lat, "folder": folder, "cache": cache, "env": env,
                         "bytes": sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())}

    table.section("Scale (generated corpora: scripts/make_big_corpus.py)")
    for size in sizes:
        r = results[size]
        b = r["build"]
        table.add(f"{size // 1000}k: corpus", f"{b['passages']:,} passages, {b['documents']:,} files, {r['bytes'] / 1e6:.0f} MB, "
                  f"{b['terms']:,} terms, {b['postings']:,} postings")
    for size in sizes:
        b = results[size]["build"]
        table.add(f"{size // 1000}k: first index build (cache empty)", fmt_s(b["seconds"]),
                  target="≤ 60 s" if size == 100_000 else "", ok=b["seconds"] <= 60 if size == 100_000 else None)
        table.add(f"  {size // 1000}k: stages: passages / rank-bm25 scores / stems+cache", " / ".join(
            fmt_s(b[k]) for k in ("stage_passages", "stage_bm25", "stage_rest")))
        table.add(f"  {size // 1000}k: progress reports (percent): count, longest pause", f"{b['updates']}, {fmt_s(b['longest_gap'])}",
                  target="steady" if size == 100_000 else "", ok=(b["monotonic"] and b["longest_gap"] < 10) if size == 100_000 else None)
    for size in sizes:
        r = results[size]
        table.add(f"{size // 1000}k: warm `mnqa ask` (new process, cache warm; median of 3)", fmt_s(r["warm"]),
                  target="≤ 2 s" if size == 100_000 else "", ok=r["warm"] <= 2 if size == 100_000 else None)
    for size in sizes:
        lat = results[size]["lat"]
        table.add(f"{size // 1000}k: per question in a batch ({lat['n']} questions), p50 / p99",
                  f"{fmt_ms(lat['p50'])} / {fmt_ms(lat['p99'])}", target="p50 ≤ 20 ms" if size == 100_000 else "",
                  ok=lat["p50"] <= 0.020 if size == 100_000 else None)
    for size in sizes:
        r = results[size]
        b = r["build"]
        table.add(f"{size // 1000}k: peak memory: build (+ largest worker) / warm ask / batch",
                  f"{fmt_mb(b['rss_self_kib'])} (+{fmt_mb(b['rss_workers_kib'])}) / {fmt_mb(r['warm_rss'])} / {fmt_mb(r['lat']['rss_kib'])}")
    if len(sizes) > 1:
        table.add(f"growth per ×10 passages: build time ({' → '.join(f'{s // 1000}k' for s in sizes)})",
                  growth([results[s]["build"]["seconds"] for s in sizes]))
        table.add("growth per ×10 passages: warm ask", growth([results[s]["warm"] for s in sizes]))
        table.add("growth per ×10 passages: batch p50", growth([results[s]["lat"]["p50"] for s in sizes]))
        table.add("growth per ×10 passages: cache file size", growth([results[s]["build"]["cache_bytes"] for s in sizes]) +
                  f" ({results[sizes[-1]]['build']['cache_bytes'] / 1e6:.0f} MB at {sizes[-1] // 1000}k)")
        table.add("growth per ×10 passages: batch peak memory", growth([results[s]["lat"]["rss_kib"] for s in sizes]))

    # a real terminal: the bar a first build shows
    mid = 10_000 if 10_000 in results else sizes[-1]
    home = Path(tempfile.mkdtemp(prefix="pty-", dir=work))
    bar = pty_build_progress(results[mid]["folder"], child_env(home))
    if bar:
        table.add(f"{mid // 1000}k: first build from `mnqa ask` on a terminal: progress bar shown",
                  f"{'yes' if bar['bar'] else 'no'}, {bar['distinct']} distinct steps, answered after {fmt_s(bar['seconds'])}",
                  target="a progress bar", ok=bar["bar"] and bar["answered"])

    # --- the fastest peer ----------------------------------------------------------------------------------------
    top = sizes[-1]
    table.section(f"Against bm25s (the same {results[top]['build']['passages']:,} passages and mnqa's tokens)")
    peer = child("bm25s", str(results[top]["folder"]), results[top]["cache"], env=results[top]["env"])
    if peer.get("missing"):
        table.add("bm25s", "not installed: pip install -e '.[bench]' (or pip install 'bm25s>=0.2')", ok=None)
    else:
        b = results[top]["build"]
        table.add(f"index: mnqa rank-bm25 scores stage vs bm25s {peer['version']} index()", fmt_s(b["stage_bm25"]),
                  fmt_s(peer["index"]), f"{b['stage_bm25'] / peer['index']:.1f}x")
        table.add("index: mnqa whole first build (files → passages → scores → cache) vs bm25s index()", fmt_s(b["seconds"]),
                  fmt_s(peer["index"]), f"{b['seconds'] / peer['index']:.1f}x")
        table.add(f"query p50 / p99: mnqa ranking (Searcher.scores) vs bm25s retrieve k=5 ({peer['queries']} queries)",
                  f"{fmt_ms(peer['scores_p50'])} / {fmt_ms(peer['scores_p99'])}", f"{fmt_ms(peer['bm_p50'])} / {fmt_ms(peer['bm_p99'])}",
                  f"{peer['scores_p50'] / peer['bm_p50']:.2f}x")
        lat = results[top]["lat"]
        table.add("query p50 / p99: mnqa whole answer (engine.ask) vs bm25s retrieve", f"{fmt_ms(lat['p50'])} / {fmt_ms(lat['p99'])}",
                  f"{fmt_ms(peer['bm_p50'])} / {fmt_ms(peer['bm_p99'])}", f"{lat['p50'] / peer['bm_p50']:.1f}x")
        table.add(f"  tokens: mnqa.index.passage_terms on {peer['sample']} sampled passages equal the ones indexed",
                  "yes" if peer["tokens_match"] else "NO", ok=peer["tokens_match"])

    load1 = os.getloadavg()
    cpu1 = cpu_check()
    elapsed = time.perf_counter() - started
    head = (f"mnqa benchmark: Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
            f"load average {load0[0]:.2f} at start, {load1[0]:.2f} at end; a 3M-step Python loop took "
            f"{cpu0:.2f} s at start, {cpu1:.2f} s at end (the machine's speed varies); {elapsed / 60:.1f} minutes"
            + (" (--quick: no 100k)" if args.quick else ""))
    return head + "\n\n" + table.render() + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        mode, rest = argv[1], argv[2:]
        fn = {"build": child_build, "latency": child_latency, "bm25s": child_bm25s}[mode]
        print(json.dumps(fn(*rest)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k-passage corpus")
    parser.add_argument("--runs", type=int, default=7, help="runs per cold-start measure (default 7)")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "mnqa-bench"),
                        help="where generated corpora and caches go (default /tmp/mnqa-bench)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    try:
        import bm25s  # noqa: F401
    except ImportError:
        print("bench: bm25s is not installed (pip install -e '.[bench]'): its reference rows will say so", file=sys.stderr)
    text = bench(args)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    for leftover in Path(args.work).glob("*-*"):
        if leftover.is_dir() and not leftover.name.startswith("corpus-"):
            shutil.rmtree(leftover, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
