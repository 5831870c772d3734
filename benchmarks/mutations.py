"""Mutations of real data files and adversarial texts, shared by the fuzz test and the long fuzz run.

A mutation is what a careless edit or a damaged file does to YAML: a flipped byte, a deleted or
doubled line, a value of another type, an indentation slip. Every mutation is a pure function
of its inputs, so a failure found by the long run can be replayed by its seed.
"""

from __future__ import annotations

import random
from typing import Final

SWAPS: Final = (
    ('"', ""),  # unquote a value: a date becomes a date, "NO" a boolean
    (": ", ": [x, "),
    ("- ", "  - "),
    ("2019", "2o19"),
    ("2019", "019"),
    ("conf/", "conf:"),
    ("true", "yes"),
    (": ", ": &a "),
    (": ", ":\t"),
)
"""Textual edits that turn a value into another type or break the structure around it."""

SCRIPTS: Final = (
    "Resolution Résolution Resolución Резолюция 决议 القرار Decision Décision Решение 决定 المقرر",
    "Rev. Rév. Пересм. 修订版 المراجَع Mod. Modified Dubai Dubaï Дубай 迪拜 دبي Busan Пусан 釜山 بوسان",
    "0123456789 ()（）,，、. -–—/ 年第号 г. WRC-15 CMR-97 ВКР-19 ITU-R UIT-R МСЭ-R C19 C-1985 A/RES/70/1",
    "ıİßẞﬁ\u0301\u0640\u064e\ufffd\u200b\u00a0\u202e\ud7ff\U0001f600\t\n\r",
)
"""Alphabets of the six scripts and the punctuation and artefacts of real ITU text, for extraction fuzzing."""


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """One random damage to a YAML file's bytes."""
    kind = rng.randrange(5)
    if kind == 0 and raw:  # flip one bit of one byte
        i = rng.randrange(len(raw))
        return raw[:i] + bytes([raw[i] ^ (1 << rng.randrange(8))]) + raw[i + 1 :]
    lines = raw.split(b"\n")
    if kind == 1 and len(lines) > 1:  # delete a line
        del lines[rng.randrange(len(lines))]
        return b"\n".join(lines)
    if kind == 2:  # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return b"\n".join(lines)
    if kind == 3:  # swap a value's type or break the structure around it
        old, new = SWAPS[rng.randrange(len(SWAPS))]
        text = raw.decode("utf-8", "surrogateescape")
        places = [i for i in range(len(text)) if text.startswith(old, i)]
        if places:
            i = rng.choice(places)
            return (text[:i] + new + text[i + len(old) :]).encode("utf-8", "surrogateescape")
    i = rng.randrange(len(lines))  # indent or dedent a line
    lines[i] = lines[i][2:] if lines[i].startswith(b"  ") else b"  " + lines[i]
    return b"\n".join(lines)


def adversarial_text(rng: random.Random, size: int) -> str:
    """Text of about ``size`` characters drawn from words and characters of every script."""
    words = [w for script in SCRIPTS for w in script.split(" ")]
    chars = "".join(SCRIPTS)
    parts = []
    length = 0
    while length < size:
        part = rng.choice(words) if rng.random() < 0.7 else rng.choice(chars)
        parts.append(part + (" " if rng.random() < 0.6 else ""))
        length += len(parts[-1])
    return "".join(parts)
