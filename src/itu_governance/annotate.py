"""Mark the citations of a text: HTML links to the revisions they name, or any markup you write.

In the spirit of eyecite's ``annotate``: the text comes back with each citation wrapped, and
everything else unchanged, so removing the marks gives the original text back. By default
each resolved citation links to the AKN4UN IRI of the revision it names
(:func:`itu_governance.akn.revision_iri`), and the text is HTML-escaped, so the result is
safe to put in a page.

>>> import itu_governance as itu
>>> from itu_governance.akn import PREFIX
>>> print(itu.annotate("Resolution 102 (Rev. Dubai, 2018) & others").replace(PREFIX, "…/"))
<a class="itu-citation" href="…/itu-pp/2018-11-16/res-102">Resolution 102 (Rev. Dubai, 2018)</a> &amp; others

A callable writes each mark itself; it gets the citation, the revision it names (or ``None``)
and the exact substring of the text:

>>> itu.annotate("see Council Resolution 1344", lambda c, rev, s: f"[{s}|{rev.key if rev else '?'}]", escape=False)
'see [Council Resolution 1344|council/res/1344@2015]'
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from itu_governance.errors import NotFound

if TYPE_CHECKING:
    from itu_governance.citations import Citation
    from itu_governance.models import Revision
    from itu_governance.registry import Registry

__all__ = ["Markup", "annotate", "citation_spans"]


def __dir__() -> list[str]:
    return __all__


Markup = Callable[["Citation", "Revision | None", str], str]
"""Writes one mark: ``(citation, revision or None, the citation's text) -> markup``."""


def citation_spans(
    text: str,
    registry: Registry | None = None,
    *,
    on: dt.date | None = None,
    context: object = None,
) -> list[tuple[int, int, Citation, Revision | None]]:
    """Each citation of ``text`` with its span and the revision it names, spans not overlapping.

    A citation without a year names the revision in force on ``on`` (default: the registry's
    known-up-to date). ``context`` is what is known of the citing document (its session, e.g.
    ``PP-18``, or its issuer), as :func:`~itu_governance.extract_citations` takes it.

    >>> [(a, b, rev.key) for a, b, _, rev in citation_spans("under Resolution 1344 (Mod. 2015),")]
    [(6, 33, 'council/res/1344@2015')]
    """
    from itu_governance.loader import load  # noqa: PLC0415 (the loader imports the registry, which imports this)

    reg = registry if registry is not None else load()
    from itu_governance.citations import extract_citations  # noqa: PLC0415 (the grammar loads on first use)

    citations = extract_citations(text, context=context, registry=reg)
    found: list[tuple[int, int, Citation, Revision | None]] = []
    end = 0
    for citation in sorted(citations, key=lambda c: (c.span[0], -c.span[1])):
        start, stop = citation.span
        if start < end or stop <= start:
            continue  # a list member sharing its neighbour's span: one mark for both
        try:
            revision = reg.resolve(citation, on).revision
        except (NotFound, ValueError):
            revision = None
        found.append((start, stop, citation, revision))
        end = stop
    return found


def annotate(  # noqa: PLR0913 (eyecite's annotate takes as many; all but the text are keywords)
    text: str,
    markup: Markup | None = None,
    *,
    registry: Registry | None = None,
    on: dt.date | None = None,
    context: object = None,
    escape: bool = True,
) -> str:
    """The text with every citation marked; removing the marks (and unescaping) gives it back.

    Args:
        text: running text in any of the six languages.
        markup: writes each mark; by default an HTML link to the AKN4UN IRI of the revision
            named (``<a class="itu-citation" href="...">``), or ``<span class="itu-citation">``
            for a citation the data cannot resolve.
        registry: the data to resolve against (default: the bundled dataset).
        on: the document's date, for citations without a year.
        context: the citing document's session ("PP-18") or issuer ("wtdc"), if known.
        escape: HTML-escape the text around and inside the marks (on by default, so the
            result is safe in a page); a callable then receives the unescaped citation text.

    >>> from itu_governance.akn import PREFIX
    >>> print(annotate("依照理事会第1336号决议（2019年，修订版）").replace(PREFIX, "…/"))
    依照<a class="itu-citation" href="…/itu-council/2019-06-20/res-1336">理事会第1336号决议（2019年，修订版）</a>
    """
    from itu_governance.akn import revision_iri  # noqa: PLC0415 (akn imports the registry)
    from itu_governance.loader import load  # noqa: PLC0415

    reg = registry if registry is not None else load()

    def default(_citation: Citation, revision: Revision | None, source: str) -> str:
        inner = html.escape(source, quote=False) if escape else source
        if revision is None:
            return f'<span class="itu-citation">{inner}</span>'
        href = html.escape(revision_iri(reg, revision), quote=True)
        return f'<a class="itu-citation" href="{href}">{inner}</a>'

    write = markup or default
    out: list[str] = []
    last = 0
    for start, stop, citation, revision in citation_spans(text, reg, on=on, context=context):
        before = text[last:start]
        out.append(html.escape(before, quote=False) if escape else before)
        out.append(write(citation, revision, text[start:stop]))
        last = stop
    rest = text[last:]
    out.append(html.escape(rest, quote=False) if escape else rest)
    return "".join(out)
