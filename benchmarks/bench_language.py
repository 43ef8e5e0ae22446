"""Cost of ``watchfloor.clean.language``: detector build time, memory, detections per second.

Usage::

    PYTHONPATH=src python benchmarks/bench_language.py [--seconds S] [--cpu N] [--no-compare]

Prints, for the detector ``detect_language`` uses (lingua, low-accuracy mode, models preloaded):

* build time and RSS increase of the first ``_get_detector()`` call (after lingua is imported);
* detections per CPU second of ``detect_language`` on ~1,500-character texts, per language and
  overall, on one core (the process is pinned to one CPU where the OS allows it);
* the same for lingua's own call alone, to show what the rules around it cost.

Unless ``--no-compare``, it then measures lingua's high-accuracy mode with the same languages
(preloaded) in a fresh process, for comparison. Each configuration runs in its own process because
lingua keeps loaded models in process-wide caches shared by all detectors.

The texts are the sample paragraphs of ``tests/test_language.py``, each language's paragraphs
joined and repeated up to 1,500 characters.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXT_CHARS = 1500


def rss_mib() -> float:
    """Resident set size of this process in MiB (Linux ``/proc``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found in /proc/self/status")


def pin_to_one_core(cpu: int | None) -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0)) if cpu is None else cpu
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def bench_texts() -> dict[str, str]:
    """One ~1,500-character text per sample language of the tests."""
    spec = importlib.util.spec_from_file_location("_samples", REPO / "tests" / "test_language.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    samples: dict[str, list[str]] = dict(module.SAMPLES)
    samples.update({code: [text] for code, text in module.NEIGHBOURS.items()})
    texts = {}
    for key, paragraphs in samples.items():
        text = ""
        while len(text) < TEXT_CHARS:
            for paragraph in paragraphs:
                text += paragraph + "\n\n"
        texts[key] = text[:TEXT_CHARS].rsplit(" ", 1)[0]
    return texts


def rate(function, texts: list[str], seconds: float) -> float:
    """Calls per CPU second of ``function`` over ``texts``, cycled for about ``seconds``.

    CPU time of this process, not wall time, so that other work on a shared machine does not
    count against the figure (it still slows it through shared caches).
    """
    for text in texts:
        function(text)  # warm-up
    calls = 0
    start = time.process_time()
    while True:
        for text in texts:
            function(text)
        calls += len(texts)
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return calls / elapsed


def run_child(config: str, seconds: float, cpu: int | None) -> dict[str, object]:
    """Measure one configuration in this (fresh) process; return the figures."""
    pinned = pin_to_one_core(cpu)
    texts = bench_texts()
    import lingua  # noqa: F401  (import cost is not build cost)

    from watchfloor.clean import language

    before = rss_mib()
    start = time.perf_counter()
    if config == "module":
        detector = language._get_detector()
    else:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        codes = [getattr(IsoCode639_1, code.upper()) for code in language.LANGUAGES]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        detector = builder.with_preloaded_language_models().build()
    build_s = time.perf_counter() - start
    built_rss = rss_mib() - before

    figures: dict[str, object] = {
        "config": config,
        "pinned": pinned,
        "languages": len(language.LANGUAGES),
        "build_s": build_s,
        "rss_mib": built_rss,
        "text_chars": sum(map(len, texts.values())) / len(texts),
        "lingua_per_s": rate(
            detector.compute_language_confidence_values, list(texts.values()), seconds
        ),
    }
    if config == "module":
        figures["detect_per_s"] = rate(language.detect_language, list(texts.values()), seconds)
        figures["per_language"] = {
            key: rate(language.detect_language, [text], seconds / len(texts))
            for key, text in texts.items()
        }
        figures["answers"] = {
            key: language.detect_language(text).code for key, text in texts.items()
        }
    figures["rss_after_mib"] = rss_mib() - before
    return figures


def measure(config: str, seconds: float, cpu: int | None) -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, __file__, "--child", config, "--seconds", str(seconds)]
        + ([] if cpu is None else ["--cpu", str(cpu)]),
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per rate measurement")
    parser.add_argument("--no-compare", action="store_true", help="skip the high-accuracy run")
    parser.add_argument("--cpu", type=int, help="CPU to pin to (default: the first allowed)")
    parser.add_argument("--child", choices=["module", "high-accuracy"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.seconds, args.cpu)))
        return

    import lingua

    print(f"python {sys.version.split()[0]}, lingua {getattr(lingua, '__version__', '2.x')}")
    main_run = measure("module", args.seconds, args.cpu)
    print(
        f"detector of watchfloor.clean.language ({main_run['languages']} languages, "
        f"low-accuracy mode, preloaded); {main_run['pinned']}"
    )
    print(
        f"  build: {main_run['build_s']:.2f} s; RSS increase: {main_run['rss_mib']:.0f} MiB "
        f"(after the runs: {main_run['rss_after_mib']:.0f} MiB)"
    )
    print(f"  texts: {main_run['text_chars']:.0f} characters on average")
    print(
        f"  detect_language: {main_run['detect_per_s']:.0f} detections/s; "
        f"lingua call alone: {main_run['lingua_per_s']:.0f}/s"
    )
    per_language = main_run["per_language"]
    answers = main_run["answers"]
    assert isinstance(per_language, dict) and isinstance(answers, dict)
    print("  per text: " + ", ".join(
        f"{key}→{answers[key]} {per_s:.0f}/s" for key, per_s in per_language.items()
    ))  # fmt: skip
    if not args.no_compare:
        high = measure("high-accuracy", args.seconds, args.cpu)
        print("for comparison, lingua high-accuracy mode, same languages, preloaded:")
        print(
            f"  build: {high['build_s']:.2f} s; RSS increase: {high['rss_mib']:.0f} MiB; "
            f"lingua call alone: {high['lingua_per_s']:.0f}/s"
        )


if __name__ == "__main__":
    main()
