"""Reference resolution: which record a key, a name or a citation means.

A :class:`Resolver` indexes the names of one registry's records (folded: case, punctuation
and Arabic vowel marks ignored) and answers for :class:`~itu_governance.Registry`'s lookups.
It also guesses which body issued a citation that does not say (:meth:`Resolver.candidate_keys`).

>>> fold("CWG_Internet"), fold("Dubai  2018")
('cwg internet', 'dubai 2018')
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, Final

from itu_governance import _keys, _kinds
from itu_governance._patterns import fold as _fold
from itu_governance.errors import NotFound
from itu_governance.models import Resolution, Revision

if TYPE_CHECKING:  # the citation grammar is imported when a citation is first resolved
    from itu_governance.citations import Citation


def fold(name: str) -> str:
    """The lookup form of a name: the citation grammar's folding, with '-' and '_' as spaces."""
    return _fold(name.replace("-", " ").replace("_", " "))


_MEMO: Final = 4096
"""How many distinct reference texts a registry remembers the meaning of."""


class Resolver:
    """The names of one set of records, and the lookups that use them.

    Args:
        records: every record by key.
        nodes: every key the lineage graph knows (records, revisions, referenced keys).
    """

    __slots__ = ("_conferences", "_memo", "_names", "_nodes", "_records", "_written")

    def __init__(self, records: Mapping[str, Any], nodes: Collection[str]) -> None:
        self._records = records
        self._nodes = nodes
        self._memo: dict[str, tuple[str, int | None]] = {}  # reference text -> (instrument, year)
        conferences = [r for k, r in records.items() if _keys.key_kind(k) == "conference"]
        self._conferences = sorted(conferences, key=lambda c: (c.start.earliest if c.start else dt.date.max, c.key))
        self._names: dict[str, tuple[str, ...]] = {}
        self._written: dict[str, str] = {}  # a folded name -> the name as the data writes it
        for key, record in sorted(records.items()):
            for written in _kinds.of(record).names(record):
                self._written.setdefault(fold(written), written)
            for name in {fold(n) for n in _kinds.of(record).names(record)}:
                self._names[name] = (*self._names.get(name, ()), key)

    def key(self, ref: str | Citation) -> str:
        """The key of whatever a reference names: a key, a name, or a citation.

        A citation with a year names a revision; without one, the instrument.
        """
        if isinstance(ref, str) and (ref in self._records or ref in self._nodes):
            return ref
        if isinstance(ref, str) and len(self._names.get(fold(ref), ())) == 1:
            return self._names[fold(ref)][0]
        instrument, year = self.instrument(ref)
        return instrument.key if year is None else self.revision(ref).key

    def named(self, ref: str, kind: str) -> Any:  # noqa: ANN401 (the record of that kind)
        """The record of ``kind`` a key or a name refers to; NotFound, with candidates, otherwise."""
        if _keys.key_kind(ref) == kind and ref in self._records:
            return self._records[ref]
        keys = [k for k in self._names.get(fold(ref), ()) if _keys.key_kind(k) == kind]
        if len(keys) == 1:
            return self._records[keys[0]]
        if len(keys) > 1:
            raise NotFound(ref, f"single {kind} (the name is shared)", keys)
        raise NotFound(ref, kind, self.suggest(ref, kind))

    def revision(self, ref: str | Citation) -> Revision:
        """The revision a key or citation names; the citation must say which year."""
        instrument, year = self.instrument(ref)
        if year is None:
            raise NotFound(
                str(ref),
                "single revision (the reference names a whole instrument)",
                [r.key for r in instrument.revisions],
            )
        for rev in instrument.revisions:
            if rev.year == year:
                return rev
        raise NotFound(str(ref), "revision", [r.key for r in instrument.revisions])

    def instrument(self, ref: str | Citation) -> tuple[Resolution, int | None]:
        """The instrument a reference names and the revision year it names, if any."""
        if isinstance(ref, str):
            known = self._memo.get(ref)
            if known is not None:  # a citation text is parsed once per registry (and holds no key)
                return self._records[known[0]], known[1]
            instrument, _, year = ref.partition("@")
            if (
                _keys.key_kind(instrument) == "instrument"
                and instrument in self._records
                and (not year or (year.isascii() and year.isdigit()))
            ):
                return self._records[instrument], int(year) if year else None
        from itu_governance.citations import Citation, parse_citation  # noqa: PLC0415 (a lookup by key needs no grammar)

        if isinstance(ref, Citation):
            citation = ref
        else:
            try:
                citation = parse_citation(ref)
            except ValueError:
                raise NotFound(ref, "instrument", self.suggest(ref, "instrument")) from None
        for key in self.candidate_keys(citation):
            if key in self._records:  # every candidate is an instrument key
                if isinstance(ref, str):
                    if len(self._memo) >= _MEMO:
                        self._memo.clear()
                    self._memo[ref] = (key, citation.year)
                return self._records[key], citation.year
        # close spellings of another number are not what was meant: offer the same number only
        same_number = [
            k
            for k in self._records
            if _keys.key_kind(k) == "instrument" and getattr(self._records[k], "number", None) == citation.number
        ]
        raise NotFound(str(ref), "instrument", sorted(same_number))

    def candidate_keys(self, citation: Citation) -> list[str]:
        """Instrument keys a citation may mean, most likely first.

        An explicit issuing body decides. Otherwise a revision's place and year name a
        conference, whose type decides; otherwise numbers from 1000 up are the Council's
        (its resolutions are numbered so), and lower ones the Plenipotentiary Conference's,
        the usual meaning of a bare "Resolution N" in ITU texts.
        """
        kind = citation.kind.value
        if citation.body is not None:
            return [_keys.instrument_key(citation.body.value, kind, citation.number)]
        issuers = [
            conf.type.value
            for conf in self._conferences
            if citation.place is not None
            and conf.year == citation.year
            and conf.city
            and fold(conf.city) == fold(citation.place)
        ]
        issuers += ["council", "pp"] if citation.number >= 1000 else ["pp", "council"]
        return [_keys.instrument_key(i, kind, citation.number) for i in dict.fromkeys(issuers)]

    def suggest(self, ref: str, kind: str | None = None) -> list[str]:
        """Up to three keys or names close to ``ref`` (of one kind, if given), for error messages."""
        pool = [k for k in self._records if kind is None or _keys.key_kind(k) == kind]
        pool += [n for n, keys in self._names.items() if kind is None or any(_keys.key_kind(k) == kind for k in keys)]
        close = difflib.get_close_matches(fold(ref) if ref not in pool else ref, pool, n=3, cutoff=0.5)
        return [self._written.get(name, name) if name not in self._records else name for name in close]
