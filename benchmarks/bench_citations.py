"""Citation extraction: linear on adversarial text, and fast next to a bare keyword scan.

Run: ``python benchmarks/bench_citations.py [--megabytes 10]``. Every figure is a ratio of two
timings taken in the same run, so the machine's speed cancels out:

- linearity: time(extract, 2x adversarial text) / time(extract, x) -- target <= 2.2;
- throughput: (bytes/s of extract_citations) / (bytes/s of re.finditer over the six languages'
  instrument words) on a generated multilingual corpus -- target >= 0.3.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable

from itu_governance import Citation, format_citation
from itu_governance.citations import _forms, _languages, extract_citations
from itu_governance.models import InstrumentType, Issuer

_SENTENCES = {
    "en": "the council noted the report of the group and invited members to consider the outcomes",
    "fr": "le conseil a pris note du rapport du groupe et invite les membres à examiner les résultats",
    "es": "el consejo tomó nota del informe del grupo e invitó a los miembros a considerar los resultados",
    "ru": "совет принял к сведению отчет группы и предложил членам рассмотреть результаты работы",
    "ar": "أحاط المجلس علما بتقرير الفريق ودعا الأعضاء إلى النظر في النتائج",
}
_PROSE = {lang: sentence.split() for lang, sentence in _SENTENCES.items()}
_PROSE["zh"] = list("理事会注意到工作组的报告并请各成员审议其成果和建议")


def corpus(megabytes: float, seed: int = 7) -> str:
    """A multilingual text of about ``megabytes`` MB: prose with a citation every ~400 characters."""
    rng = random.Random(seed)
    langs = [lang.value for lang in _languages()]
    places = sorted(set.intersection(*(set(_forms(lang).raw["places"]) for lang in _languages())))
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        lang = rng.choice(langs)
        words = _PROSE[lang]
        sep = "" if lang == "zh" else " "
        prose = sep.join(rng.choice(words) for _ in range(rng.randint(30, 80)))
        year = rng.randint(1994, 2022)
        citation = Citation(
            kind=rng.choice(list(InstrumentType)),
            number=rng.randint(1, 1500),
            body=rng.choice([None, Issuer.PP, Issuer.COUNCIL]),
            year=year,
            place=rng.choice([None, *places]),
        )
        chunk = f"{prose}{sep}{format_citation(citation, lang)}{sep}"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(parts)


def adversarial(megabytes: float) -> str:
    """Near misses: unclosed brackets, revision fragments, digit runs, keywords with no number."""
    unit = "Resolution 1 (Rev. Dubai " + "((((" + "1" * 40 + " 第" + "9" * 30 + "号（2018年，" + " Res. (Rev. "
    return unit * max(1, int(megabytes * 1_000_000 / len(unit.encode("utf-8"))))


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """The median of ``runs`` timings of ``fn``, in seconds."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def keyword_scan() -> re.Pattern[str]:
    """The baseline: one precompiled pattern of every language's instrument words."""
    words = sorted(
        {w for lang in _languages() for ws in _forms(lang).raw["kinds"].values() for w in ws}, key=len, reverse=True
    )
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def main() -> None:
    """Print the two ratios with their targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=10.0, help="size of the generated corpus")
    parser.add_argument("--adversarial-megabytes", type=float, default=2.0)
    args = parser.parse_args()

    small, large = adversarial(args.adversarial_megabytes / 2), adversarial(args.adversarial_megabytes)
    t_small = best_of(3, lambda: extract_citations(small))
    t_large = best_of(3, lambda: extract_citations(large))
    print(f"adversarial text: {len(small):,} and {len(large):,} characters")
    print(f"linearity  time(2x)/time(x) = {t_large / t_small:.2f}   (target <= 2.2)")

    text = corpus(args.megabytes)
    pattern = keyword_scan()
    t_scan = best_of(3, lambda: sum(1 for _ in pattern.finditer(text)))
    found: list[Citation] = []
    t_extract = best_of(3, lambda: found.extend(extract_citations(text)) if not found else extract_citations(text))
    megabytes = len(text.encode("utf-8")) / 1_000_000
    print(f"corpus: {megabytes:.1f} MB, {len(found):,} citations found")
    print(
        f"throughput extract/scan = {t_scan / t_extract:.2f}   (target >= 0.3)"
        f"   [{megabytes / t_extract:.1f} MB/s vs {megabytes / t_scan:.1f} MB/s]"
    )


if __name__ == "__main__":
    main()
