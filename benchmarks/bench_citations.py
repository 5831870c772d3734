"""Citation extraction: linear on adversarial text, and fast next to a bare keyword scan.

Run: ``python benchmarks/bench_citations.py [--pp18 FILE] [--megabytes 2]``. Every figure is a
ratio of two timings taken in the same run, so the machine's speed cancels out:

- linearity: time(extract, 2x adversarial text) / time(extract, x), for adversarial lists and
  near misses in every script (CPU time, garbage collection off, the median of 5 rounds that
  time both sizes one after the other) -- target <= 2.2;
- throughput: time of a case-sensitive ``re`` scan of the instrument words of the six languages
  / time of ``extract_citations`` (CPU time, the median of 5 rounds, each timing both one
  after the other), on the text of the PP-18 Final Acts (all text nodes of the Akoma Ntoso
  file joined) -- target >= 1/20 -- and on ordinary prose in the six languages with a citation
  every few KB -- target >= 1/10.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from _timing import fastest, median_time

from itu_governance import Citation, format_citation
from itu_governance.citations import extract_citations
from itu_governance.models import InstrumentType, Issuer, Lang

# The baseline's words: how each language writes its three instruments, as a case-sensitive
# scan would look for them (singular and plural; Russian and Arabic by their common stems).
INSTRUMENT_WORDS = (
    "Resolution",
    "Decision",
    "Recommendation",
    "Résolution",
    "Décision",
    "Recommandation",
    "Resolución",
    "Resoluciones",
    "Acuerdo",
    "Recomendación",
    "Резолюци",
    "Решени",
    "Рекомендаци",
    "قرار",
    "مقرر",
    "توصية",
    "决议",
    "决定",
    "建议",
)

_SENTENCES = {
    Lang.EN: "the council noted the report of the group and invited members to consider the outcomes of its work",
    Lang.FR: "le conseil a pris note du rapport du groupe et invite les membres à examiner les résultats",
    Lang.ES: "el consejo tomó nota del informe del grupo e invitó a los miembros a considerar los resultados",
    Lang.RU: "совет принял к сведению отчет группы и предложил членам рассмотреть результаты ее работы",
    Lang.AR: "أحاط المجلس علما بتقرير الفريق ودعا الأعضاء إلى النظر في نتائج أعماله",
}
_PROSE: dict[Lang, list[str]] = {lang: sentence.split() for lang, sentence in _SENTENCES.items()}
_PROSE[Lang.ZH] = list("理事会注意到工作组的报告并请各成员审议其工作成果")


def prose(megabytes: float, every: int = 3000, seed: int = 7) -> str:
    """Ordinary prose in the six languages, about ``megabytes`` MB, a citation every ``every`` bytes."""
    rng = random.Random(seed)
    places = ["Dubai", "Busan", "Guadalajara", "Antalya"]
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        lang = rng.choice(list(_PROSE))
        words = _PROSE[lang]
        sep = "" if lang is Lang.ZH else " "
        chunk: list[str] = []
        chunk_size = 0
        while chunk_size < every:
            word = rng.choice(words)
            chunk.append(word)
            chunk_size += len(word.encode("utf-8")) + len(sep)
        citation = Citation(
            kind=InstrumentType.RESOLUTION,
            number=rng.randint(1, 200),
            body=rng.choice([None, Issuer.PP]),
            year=rng.choice([2010, 2014, 2018]),
            place=rng.choice(places),
        )
        text = f"{sep.join(chunk)}{sep}{format_citation(citation, lang)}{sep}"
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "".join(parts)


def pp18(path: Path) -> str:
    """The text of the PP-18 Final Acts: every text node of the Akoma Ntoso file, joined."""
    return "".join(ET.parse(path).getroot().itertext())  # noqa: S314 (a local, trusted file)


ADVERSARIAL = {
    "latin list, unclosed revision": ("Resolution 1 and " * 200, "(Rev. Dubai, "),
    "latin near misses": ("Resolution 1 (Rev. Dubai ((((" + "1" * 40 + " Res. (Rev. ", ""),
    "cyrillic list": ("Резолюции 1 и " * 200, "(Пересм. Дубай, "),
    "arabic list": ("القرار 1، " * 200, "(المراجع في دبي، "),
    "chinese list": ("第1号和" * 200, "号决议（2018年，"),
    "chinese near misses": ("第" + "9" * 30 + "号（2018年，" + "决议（" * 5, ""),
}


def keyword_scan() -> re.Pattern[str]:
    """The baseline: one precompiled, case-sensitive pattern of the instrument words."""
    return re.compile("|".join(re.escape(w) for w in sorted(INSTRUMENT_WORDS, key=len, reverse=True)))


def throughput(name: str, text: str, target: float, rounds: int = 5) -> None:
    """Print scan time / extraction time on ``text``: the median of ``rounds`` ratios.

    Each round times the scan (median of 3) and the extraction (once) one right after the
    other, in CPU time, so that both see the same load of a shared machine.
    """
    pattern = keyword_scan()
    found = extract_citations(text)  # also the warm-up: patterns compiled, gazetteer read
    ratios, scans, extracts = [], [], []
    for _ in range(rounds):
        scans.append(median_time(3, lambda: sum(1 for _ in pattern.finditer(text)), time.process_time))
        extracts.append(median_time(1, lambda: extract_citations(text), time.process_time))
        ratios.append(scans[-1] / extracts[-1])
    megabytes = len(text.encode("utf-8")) / 1_000_000
    ratio = statistics.median(ratios)
    print(
        f"{name}: {megabytes:.2f} MB, {len(found):,} citations; scan/extract = {ratio:.3f} = 1/{1 / ratio:.1f}"
        f" (rounds 1/{1 / max(ratios):.1f} .. 1/{1 / min(ratios):.1f})   (target >= 1/{1 / target:.0f})"
        f"   [{megabytes / statistics.median(extracts):.2f} MB/s vs {megabytes / statistics.median(scans):.1f} MB/s]"
    )


def main() -> None:
    """Print the ratios with their targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pp18", type=Path, help="the PP-18 Final Acts in Akoma Ntoso XML")
    parser.add_argument("--megabytes", type=float, default=2.0, help="size of the generated prose")
    parser.add_argument("--repeat", type=int, default=50, help="adversarial text size, in units of 4,000 characters")
    args = parser.parse_args()

    for name, (unit, tail) in ADVERSARIAL.items():
        times = max(1, args.repeat * 4000 // len(unit))  # about the same length in every script
        small, large = unit * times + tail, unit * (2 * times) + tail
        ratios = []
        for _ in range(5):  # the two sizes timed one after the other: both see the same load
            t_small = fastest(1, lambda s=small: extract_citations(s), time.process_time)  # type: ignore[misc]
            t_large = fastest(1, lambda s=large: extract_citations(s), time.process_time)  # type: ignore[misc]
            ratios.append(t_large / t_small)
        print(
            f"linearity, {name} ({len(small):,} chars): t(2n)/t(n) = {statistics.median(ratios):.2f}"
            f" (rounds {min(ratios):.2f} .. {max(ratios):.2f})   (target <= 2.2)"
        )

    if args.pp18 is not None:
        throughput("PP-18 Final Acts", pp18(args.pp18), 1 / 20)
    throughput("prose, a citation every 3 KB", prose(args.megabytes), 1 / 10)


if __name__ == "__main__":
    main()
