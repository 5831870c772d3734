"""A MkDocs hook: one generated page per instrument, body and conference of the bundled dataset.

Registered in ``mkdocs.yml`` under ``hooks:``. At every build it loads the dataset with
:func:`itu_governance.load` and writes, through the public API only (registry lookups,
``format_citation``, ``akn.revision_iri``, the ``timeline`` command):

- ``dataset/index.md``: what is there, with links to every index;
- ``dataset/<issuer>/index.md``: the instruments of one issuer, with a filter box;
- ``dataset/<issuer>/<type>/<number>.md``: one instrument (revisions, status, endings and
  absorptions, timeline picture, Mermaid lineage diagram, citations both ways, the citation in
  the six languages, AKN IRIs, sources);
- ``dataset/body/<name>.md`` and ``dataset/conf/<name>.md``: one body, one conference or
  Council session; ``dataset/body/index.md`` and ``dataset/conf/index.md`` list them.

Links between records are Markdown links, so the strict build fails when one breaks. The
pages are added to the build as generated files: nothing is written into ``docs/``.

Two assets come from outside the dataset, both cached under ``.cache/site/`` in the checkout:

- the timeline pictures, drawn with matplotlib (the ``plot`` extra) by two worker processes
  and kept while neither the data nor the installed package changes;
- Mermaid's browser bundle, taken from the npm registry's ``mermaid`` package at the pinned
  version (checked against its published sha512 integrity) and served from the site itself,
  so the site needs no CDN.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import itu_governance as itu
from itu_governance import akn, export
from itu_governance.graph import EventKind, State

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "site"

MERMAID_VERSION = "11.17.2"
MERMAID_INTEGRITY = "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
MERMAID_ASSET = "assets/javascripts/mermaid.min.js"

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
LANG_NAMES = {"ar": "Arabic", "en": "English", "es": "Spanish", "fr": "French", "ru": "Russian", "zh": "Chinese"}
ISSUER_NAMES = {
    "pp": "Plenipotentiary Conference",
    "council": "Council",
    "wtsa": "World Telecommunication Standardization Assembly",
    "wtdc": "World Telecommunication Development Conference",
    "ra": "Radiocommunication Assembly",
    "wrc": "World Radiocommunication Conference",
    "wcit": "World Conference on International Telecommunications",
}
_URL = re.compile(r"https?://[^\s'\"<>)\]]+[^\s'\"<>)\].,;:]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_MERMAID_ESCAPES = {char: f"#{ord(char)};" for char in '#"&<>`'}

# What one build generates: page path -> Markdown, asset path -> bytes or a file on disk.
_pages: dict[str, str] = {}
_assets: dict[str, bytes | Path] = {}


# --- MkDocs events -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate every page and asset, and list the issuer indexes under the dataset's nav entry."""
    _pages.clear()
    _assets.clear()
    registry = itu.load()
    site = _Site(registry)
    _pages.update(site.pages())
    _assets.update(_timelines(registry, site.timeline_paths))
    _assets[MERMAID_ASSET] = _mermaid_bundle()
    _extend_nav(config, site)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and assets to the build."""
    for path, markdown in _pages.items():
        files.append(File.generated(config, path, content=markdown))
    for path, asset in _assets.items():
        if isinstance(asset, Path):
            files.append(File.generated(config, path, abs_src_path=str(asset)))
        else:
            files.append(File.generated(config, path, content=asset))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Load Mermaid, before the theme's bundle, on the pages that have a diagram (3.5 MB: not on every page)."""
    del config
    if '<pre class="mermaid">' not in output:
        return output
    script = f'<script src="{get_relative_url(MERMAID_ASSET, page.url)}"></script>'
    bundle = re.search(r'<script src="[^"]*assets/javascripts/bundle\.', output)
    if bundle is None:
        msg = f"{page.file.src_uri}: the theme's script bundle was not found, so Mermaid cannot be loaded before it"
        raise PluginError(msg)
    return output[: bundle.start()] + script + output[bundle.start() :]


def _extend_nav(config: MkDocsConfig, site: _Site) -> None:
    """Put the generated indexes into the nav section whose first page is ``dataset.md``."""
    for entry in config.nav or []:
        if not isinstance(entry, dict):
            continue
        for section in entry.values():
            if isinstance(section, list) and section and "dataset.md" in section[0].values():
                section.extend(site.nav())
                return
    msg = "mkdocs.yml: the dataset pages need a nav section whose first entry is dataset.md"
    raise PluginError(msg)


# --- text helpers --------------------------------------------------------------------------------


def md(text: object) -> str:
    """Text as Markdown that shows exactly that text (HTML and Markdown syntax escaped)."""
    return _escape(" ".join(str(text).split()))


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def md_linked(text: str) -> str:
    """Like :func:`md`, with every URL in the text turned into a link."""
    text = " ".join(text.split())
    out, last = [], 0
    for match in _URL.finditer(text):
        out += [_escape(text[last : match.start()]), f"<{match.group()}>"]
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def rel(page: str, target: str) -> str:
    """The relative link from generated page ``page`` to ``target`` (a path with an optional #anchor)."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page)) if path != page else ""
    return f"{link}#{anchor}" if anchor else link


def mermaid_text(text: str) -> str:
    """A quoted Mermaid label: characters that start an entity or a tag as entity codes."""
    return '"' + "".join(_MERMAID_ESCAPES.get(char, char) for char in text) + '"'


def attested(record: object) -> bool:
    """Whether a record is known only from a citation (the model's ``attested`` flag, if any)."""
    revisions = getattr(record, "revisions", None)
    if revisions:
        return bool(getattr(record, "attested", False)) or all(attested(r) for r in revisions)
    return bool(getattr(record, "attested", False))


def _date(value: Any) -> str:  # noqa: ANN401 (a PartialDate, a date or None)
    return "" if value is None else str(value)


# --- the site ------------------------------------------------------------------------------------


class _Site:
    """Every generated page of one registry, as Markdown."""

    def __init__(self, registry: itu.Registry) -> None:
        self.reg = registry
        self.on = registry.known_up_to
        self.instruments = registry.resolutions()
        self.issuers = sorted({r.issuer.value for r in self.instruments}, key=list(ISSUER_NAMES).index)
        self.timeline_paths = {r.key: f"dataset/{r.key}-timeline.svg" for r in self.instruments if not attested(r)}
        # Every relation, from the revision that states it, for "what cites it".
        self.incoming: dict[str, list[tuple[itu.Revision, itu.Relation]]] = {}
        for res in self.instruments:
            for rev in res.revisions:
                for relation in rev.relations:
                    target = relation.target.partition("@")[0]
                    self.incoming.setdefault(target, []).append((rev, relation))
        self.dates = {
            event.revision: event.date
            for res in self.instruments
            for event in registry.lineage(res.key)
            if event.kind in {EventKind.ADOPTED, EventKind.REVISED, EventKind.MODIFIED} and event.revision
        }

    # -- naming and linking

    def page_of(self, key: str) -> str | None:
        """The page (and anchor) that shows a record, or ``None`` if the dataset has no such record."""
        base, _, year = key.partition("@")
        if year or key not in self.reg:
            return f"dataset/{base}.md#rev-{year}" if year and base in self.reg else None
        record = self.reg.get(key)
        if isinstance(record, itu.Meeting):
            return f"dataset/{record.body}.md#meeting-{record.ordinal}"
        if isinstance(record, itu.OpenConsultation):
            return f"dataset/{record.body}.md#{self.slug(key)}"
        pages = (itu.Resolution, itu.WorkingGroup, itu.Council, itu.Conference)
        return f"dataset/{key}.md" if isinstance(record, pages) else None

    @staticmethod
    def slug(key: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")

    def name(self, key: str) -> str:
        """What a reader calls a record: a citation, a short name."""
        base, _, year = key.partition("@")
        if year and base in self.reg:
            return itu.format_citation(self.reg.revision(key), "en")
        record = self.reg.get(key) if key in self.reg else None
        if isinstance(record, itu.Resolution):
            return itu.format_citation(itu.Citation(kind=record.type, body=record.issuer, number=record.number), "en")
        if isinstance(record, itu.Meeting):
            return f"{self.name(record.body)} meeting {record.ordinal}"
        short = getattr(record, "short_name", None)
        return str(short) if short else key

    def link(self, page: str, key: str, text: str | None = None) -> str:
        target = self.page_of(key)
        label = md(text if text is not None else self.name(key))
        return f"[{label}]({rel(page, target)})" if target else f"{label} (`{key}`)"

    def sources(self, sources: Iterable[itu.Source]) -> list[str]:
        """One Markdown list item per source: its link (or document symbol) and its note."""
        items = []
        for source in sources:
            ref = source.ref
            head = f"<{ref}>" if _URL.fullmatch(ref) else md(ref)
            note = f": {md_linked(source.note)}" if source.note else ""
            items.append(f"- {head}{note}")
        return items

    def disputes(self, disputes: Iterable[itu.Dispute]) -> list[str]:
        lines = []
        for dispute in disputes:
            lines.append(f'!!! warning "Sources disagree on {md(dispute.field)}"')
            for value in dispute.values:
                lines.append(f"    - **{md(value.value)}**, according to:")
                lines.extend("        " + item for item in self.sources(value.sources))
            lines.append("")
        return lines

    def status_text(self, page: str, key: str) -> str:
        status = self.reg.status(key)
        text = f"**{status.state.value}**"
        if status.state is State.IN_FORCE and status.revision is not None:
            text += f": {self.link(page, status.revision.key)}"
        if status.successor:
            text += f", into {self.link(page, status.successor)}"
        if not status.certain:
            text += " *(uncertain: later sessions may have revised it)*"
        return text

    # -- pages

    def pages(self) -> dict[str, str]:
        pages = {"dataset/index.md": self.overview()}
        for issuer in self.issuers:
            pages[f"dataset/{issuer}/index.md"] = self.issuer_index(issuer)
        for res in self.instruments:
            pages[f"dataset/{res.key}.md"] = self.instrument(res)
        pages["dataset/body/index.md"] = self.body_index()
        for body in self.reg.bodies():
            pages[f"dataset/{body.key}.md"] = self.body(body)
        pages["dataset/conf/index.md"] = self.conference_index()
        for conf in self.reg.conferences():
            pages[f"dataset/{conf.key}.md"] = self.conference(conf)
        return {path: text.rstrip() + "\n" for path, text in pages.items()}

    def nav(self) -> list[dict[str, str]]:
        entries = [{"Overview": "dataset/index.md"}]
        entries += [{f"{ISSUER_NAMES[i]} instruments": f"dataset/{i}/index.md"} for i in self.issuers]
        entries += [{"Bodies": "dataset/body/index.md"}, {"Conferences and sessions": "dataset/conf/index.md"}]
        return entries

    def overview(self) -> str:
        page = "dataset/index.md"
        counts = {
            "instruments": len(self.instruments),
            "revisions": sum(len(r.revisions) for r in self.instruments),
            "bodies": len(self.reg.bodies()),
            "conferences and Council sessions": len(self.reg.conferences()),
            "meetings": len(self.reg.meetings()),
            "open consultations": len(self.reg.consultations()),
        }
        lines = [
            "# The dataset",
            "",
            f"Generated from the bundled data ({md(self.reg.dataset.name)}), curated up to "
            f"**{self.on}**: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".",
            "",
            "How to read these pages: [Browsing the dataset](../dataset.md).",
            "",
            "| Index | Records |",
            "| --- | --- |",
        ]
        for issuer in self.issuers:
            count = sum(1 for r in self.instruments if r.issuer.value == issuer)
            lines.append(
                f"| [{md(ISSUER_NAMES[issuer])} instruments]({rel(page, f'dataset/{issuer}/index.md')}) | {count} |"
            )
        lines.append(f"| [Bodies]({rel(page, 'dataset/body/index.md')}) | {counts['bodies']} |")
        lines.append(
            f"| [Conferences and Council sessions]({rel(page, 'dataset/conf/index.md')}) | "
            f"{counts['conferences and Council sessions']} |"
        )
        return "\n".join(lines)

    def filter_box(self, what: str) -> list[str]:
        return [
            (
                f'<input type="search" class="itu-filter" placeholder="Filter {html.escape(what)}…" '
                f'aria-label="Filter {html.escape(what)}">'
            ),
            "",
        ]

    def issuer_index(self, issuer: str) -> str:
        page = f"dataset/{issuer}/index.md"
        lines = [f"# {md(ISSUER_NAMES[issuer])} instruments", ""]
        lines += self.filter_box("by number, title or status")
        lines += ["| Instrument | Title | Revisions | Status now | Record |", "| --- | --- | --- | --- | --- |"]
        for res in (r for r in self.instruments if r.issuer.value == issuer):
            years = ", ".join(self.link(page, rev.key, str(rev.year)) for rev in res.revisions)
            record = '<span class="itu-attested">attested by citation</span>' if attested(res) else "curated"
            lines.append(
                f"| {self.link(page, res.key)} | {md(res.title('en') or '')} | {years} | "
                f"{self.status_text(page, res.key)} | {record} |"
            )
        return "\n".join(lines)

    def instrument(self, res: itu.Resolution) -> str:
        page = f"dataset/{res.key}.md"
        title = self.name(res.key)
        lines = [f"# {md(title)}", ""]
        if attested(res):
            # Left out of the search index: over a hundred pages that only repeat a citation,
            # and the index every visitor's browser builds would grow fourfold.
            lines = ["---", "search:", "  exclude: true", "---", "", *lines]
            lines += [
                '!!! attested "Attested by citation"',
                (
                    "    This instrument is known only from citations of it in other texts; no curator has "
                    "checked its own text. Each revision below says which citation attests it."
                ),
                "",
            ]
        titles = res.titles or res.latest.titles
        if titles:
            lines += ["| Language | Title |", "| --- | --- |"]
            lines += [f"| {LANG_NAMES.get(lang, lang)} | {self.lang_span(lang, titles[lang])} |" for lang in titles]
            lines.append("")
        lines += [f"`{res.key}` · {md(ISSUER_NAMES[res.issuer.value])} · {md(res.type.value)}", ""]
        lines += self.disputes(res.disputes)

        status = self.reg.status(res.key)
        lines += [
            "## Status",
            "",
            f"On {self.on} (the date the data is curated up to): {self.status_text(page, res.key)}.",
        ]
        if status.certain:
            complete = " and the revision history is declared complete" if res.complete else ""
            lines.append(f"No session that could have changed this answer is unaccounted for{complete}.")
        else:
            sessions = ", ".join(self.link(page, key) for key in status.unchecked)
            lines += [
                '!!! question "Uncertain"',
                (
                    "    The revision history is not declared complete, and these sessions of the issuer met "
                    f"since: {sessions}. Any of them may have revised it without the data recording it."
                ),
            ]
        lines.append("")

        lines += ["## Revisions", ""]
        for rev in res.revisions:
            lines += self.revision(page, rev)

        lines += ["## Endings and absorptions", ""]
        lines += self.endings(page, res) or ["No ending or absorption is recorded.", ""]

        if res.key in self.timeline_paths:
            picture = rel(page, self.timeline_paths[res.key])
            lines += ["## Timeline", "", f"![Timeline of {md(title)}]({picture}){{ .itu-timeline }}", ""]
        lines += ["## Lineage", "", "```mermaid", *self.lineage_diagram(res), "```", ""]

        lines += ["## Citations", ""]
        lines += self.citations(page, res)

        lines += ["## Citation in the six languages", ""]
        lines += ["| Language | " + " | ".join(str(rev.year) for rev in res.revisions) + " |"]
        lines += ["| --- |" + " --- |" * len(res.revisions)]
        for lang in LANGS:
            cells = [self.cite(rev, lang) for rev in res.revisions]
            lines.append(f"| {LANG_NAMES[lang]} | " + " | ".join(cells) + " |")
        lines += ["", "## Sources", "", *self.sources(res.sources)]
        return "\n".join(lines)

    def cite(self, rev: itu.Revision, lang: str) -> str:
        """The house citation of a revision in one language, or why there is none."""
        try:
            return self.lang_span(lang, itu.format_citation(rev, lang))
        except ValueError as error:
            return f"*{md(error)}*"

    @staticmethod
    def lang_span(lang: str, text: str) -> str:
        direction = ' dir="rtl"' if lang == "ar" else ""
        return f'<span lang="{lang}"{direction}>{md(text)}</span>'

    def revision(self, page: str, rev: itu.Revision) -> list[str]:
        conference = self.reg.conference(rev.adopted_by)
        marker = ' <span class="itu-attested">attested by citation</span>' if attested(rev) else ""
        lines = [f"### {rev.year}: {md(rev.designation.value)} {{ #rev-{rev.year} }}", ""]
        if marker:
            lines += [marker.strip(), ""]
        day = self.dates.get(rev.key)
        when = f"{rev.date}" if rev.date else f"{day} (the session's date; the revision's own day is not recorded)"
        lines += [
            f"- Citation: **{md(itu.format_citation(rev, 'en'))}**",
            f"- {md(rev.designation.value.capitalize())} by {self.link(page, conference.key)}"
            + (f", {md(rev.place)}" if rev.place else ""),
            f"- In force from: {md(when)}",
        ]
        try:
            lines.append(f"- AKN IRI: `{akn.revision_iri(self.reg, rev)}`")
        except (itu.NotFound, ValueError) as error:
            lines.append(f"- AKN IRI: none ({md(error)})")
        for lang in rev.titles:
            lines.append(f"- Title ({LANG_NAMES.get(lang, lang)}): {self.lang_span(lang, rev.titles[lang])}")
        lines.append("")
        if rev.provisions:
            lines += ["| Provision | Text |", "| --- | --- |"]
            lines += [f"| {md(p.clause)} | {md(p.text)} |" for p in rev.provisions]
            lines.append("")
        lines += self.disputes(rev.disputes)
        lines += ["Sources:", "", *self.sources(rev.sources), ""]
        return lines

    def endings(self, page: str, res: itu.Resolution) -> list[str]:
        lines = [
            f"- {event.date}: {self.link(page, event.revision or res.key)} took in the content of "
            f"{self.link(page, event.other)}" + (f" ({self.link(page, event.by)})" if event.by else "")
            for event in self.reg.lineage(res.key)
            if event.kind is EventKind.ABSORBED and event.other
        ]
        end = res.end
        if end is not None:
            text = f"- {_date(end.date) or end.year}: **{md(end.how.value)}** by {self.link(page, end.by)}"
            if end.absorbed_into:
                text += f"; its content was taken into {self.link(page, end.absorbed_into)}"
            if end.superseded_by:
                text += f"; superseded by {self.link(page, end.superseded_by)}"
            lines += [text, "", "    Sources:", ""]
            lines += ["    " + item for item in self.sources(end.sources)]
        return [*lines, ""] if lines else []

    def citations(self, page: str, res: itu.Resolution) -> list[str]:
        lines = []
        outgoing = [(rev, relation) for rev in res.revisions for relation in rev.relations]
        if outgoing:
            lines += ["What it cites or acts on:", "", "| Revision | Relation | Target | Provision | Note |"]
            lines += ["| --- | --- | --- | --- | --- |"]
            for rev, relation in outgoing:
                lines.append(
                    f"| {rev.year} | {md(relation.relation.value)} | {self.link(page, relation.target)} | "
                    f"{md(relation.clause or '')} | {md_linked(relation.note or '')} |"
                )
            lines.append("")
        incoming = self.incoming.get(res.key, [])
        if incoming:
            lines += ["What cites it or acts on it:", "", "| Revision | Relation | Target | Provision | Note |"]
            lines += ["| --- | --- | --- | --- | --- |"]
            for rev, relation in incoming:
                lines.append(
                    f"| {self.link(page, rev.key)} | {md(relation.relation.value)} | "
                    f"{self.link(page, relation.target, str(relation.target.partition('@')[2] or 'the instrument'))} | "
                    f"{md(relation.clause or '')} | {md_linked(relation.note or '')} |"
                )
            lines.append("")
        bodies = [
            b
            for b in self.reg.bodies()
            if isinstance(b, itu.WorkingGroup) and (b.established_by or "").partition("@")[0] == res.key
        ]
        if bodies:
            lines += ["Bodies it established: " + ", ".join(self.link(page, b.key) for b in bodies), ""]
        return lines or ["The data records no citation from or to this instrument.", ""]

    def lineage_diagram(self, res: itu.Resolution) -> list[str]:
        """A Mermaid flowchart: the revisions, what they took in, and what the instrument became."""
        chart = _Chart(self)

        def by(key: str | None) -> str:
            return self.reg.conference(key).short_name if key else ""

        previous = None
        for rev in res.revisions:
            current = chart.node(rev.key)
            if previous is not None:
                chart.edge(previous, "-->", f"{rev.designation.value}, {by(rev.adopted_by)}", current)
            previous = current
        for event in self.reg.lineage(res.key):
            if event.kind is EventKind.ABSORBED and event.other and event.revision:
                other = self.reg.resolution(event.other).latest.key
                chart.edge(chart.node(other), "-.->", f"absorbed, {by(event.by)}", chart.node(event.revision))
        end = res.end
        if end is not None and previous is not None:
            successor = end.absorbed_into or end.superseded_by
            target = chart.node(successor) if successor else f'end_(("{end.how.value}"))'
            chart.edge(previous, "==>", f"{end.how.value}, {by(end.by)}", target)
        return chart.lines()

    def body_index(self) -> str:
        page = "dataset/body/index.md"
        lines = ["# Bodies", ""]
        lines += self.filter_box("by name")
        lines += ["| Body | Name | Type | Established by |", "| --- | --- | --- | --- |"]
        for body in self.reg.bodies():
            kind = getattr(body, "type", None)
            established = getattr(body, "established_by", None)
            lines.append(
                f"| {self.link(page, body.key)} | {md(body.names.best('en') or '')} | "
                f"{md(kind.value if kind else 'council')} | {self.link(page, established) if established else ''} |"
            )
        return "\n".join(lines)

    def body(self, body: itu.WorkingGroup | itu.Council) -> str:
        page = f"dataset/{body.key}.md"
        lines = [f"# {md(body.short_name)}", ""]
        if body.names:
            lines += ["| Language | Name |", "| --- | --- |"]
            lines += [
                f"| {LANG_NAMES.get(lang, lang)} | {self.lang_span(lang, body.names[lang])} |" for lang in body.names
            ]
            lines.append("")
        if body.aliases:
            lines += [f"Also called: {', '.join(md(a) for a in body.aliases)}.", ""]
        lines += [f"`{body.key}`", ""]
        if isinstance(body, itu.Council):
            lines += ["## Sessions", ""]
            lines += [f"- {self.link(page, s.key)}: {md(_date(s.start))}" for s in body.sessions]
            lines.append("")
        else:
            lines += self.working_group(page, body)
        meetings = self.reg.meetings(body.key)
        if meetings:
            lines += ["## Meetings", ""]
            for meeting in meetings:
                lines += self.meeting(page, meeting)
        consultations = self.reg.consultations(body.key)
        if consultations:
            lines += ["## Open consultations", ""]
            for consultation in consultations:
                lines += self.consultation(page, consultation)
        lines += self.disputes(getattr(body, "disputes", ()))
        lines += ["## Sources", "", *self.sources(body.sources)]
        return "\n".join(lines)

    def in_force_text(self, page: str, basis: str) -> str:
        current = self.reg.current(basis.partition("@")[0])
        if current is not None and current.key == basis:
            return "in force"
        return f"replaced by {self.link(page, current.key)}" if current is not None else "no longer in force"

    def working_group(self, page: str, body: itu.WorkingGroup) -> list[str]:
        lines = ["## Establishment", ""]
        if body.established_by:
            lines.append(f"- Established by {self.link(page, body.established_by)}")
        else:
            lines.append("- The establishing instrument is not recorded.")
        lines.append(f"- Type: {md(body.type.value)}")
        if body.parent:
            lines.append(f"- Part of {self.link(page, body.parent)}")
        if body.predecessor:
            lines.append(f"- Succeeds {self.link(page, body.predecessor)}")
        successors = [b for b in self.reg.bodies() if getattr(b, "predecessor", None) == body.key]
        lines += [f"- Succeeded by {self.link(page, b.key)}" for b in successors]
        lines.append("")

        def basis_date(key: str) -> dt.date:
            return self.dates.get(key, dt.date.max)

        if body.participation:
            lines += ["## Participation rules", "", "By the date their basis took effect.", ""]
            lines += ["| From | Basis | Clause | Actions | Open to | Condition | Now | Sources |"]
            lines += ["| --- | --- | --- | --- | --- | --- | --- | --- |"]
            for rule in sorted(body.participation, key=lambda r: (basis_date(r.basis), r.basis)):
                lines.append(
                    f"| {basis_date(rule.basis) if rule.basis in self.dates else ''} | {self.link(page, rule.basis)} | "
                    f"{md(rule.clause or '')} | {', '.join(md(a.value) for a in sorted(rule.actions))} | "
                    f"{', '.join(md(a.value) for a in sorted(rule.open_to))} | {md(rule.condition or '')} | "
                    f"{self.in_force_text(page, rule.basis)} | {self.inline_sources(rule.sources)} |"
                )
            lines.append("")
        if body.mandate:
            lines += ["## Mandate", "", "| Clause | Text | Basis | Now | Sources |", "| --- | --- | --- | --- | --- |"]
            for clause in sorted(body.mandate, key=lambda c: (basis_date(c.basis), c.basis)):
                lines.append(
                    f"| {md(clause.clause)} | {md(clause.text)} | {self.link(page, clause.basis)} | "
                    f"{self.in_force_text(page, clause.basis)} | {self.inline_sources(clause.sources)} |"
                )
            lines.append("")
        lines += self.officers(body)
        return lines

    def officers(self, body: itu.WorkingGroup) -> list[str]:
        if not body.officers:
            return []
        lines = [
            "## Officers",
            "",
            "| Role | Name | Country | From | To | Sources |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {md(officer.role.value)} | {md(officer.name)} | {md(officer.country or '')} | "
            f"{_date(officer.start)} | {_date(officer.end)} | {self.inline_sources(officer.sources)} |"
            for officer in body.officers
        ]
        return [*lines, ""]

    def inline_sources(self, sources: Iterable[itu.Source]) -> str:
        """Sources in one table cell: links or symbols, notes left to the record's YAML."""
        return "; ".join(f"<{s.ref}>" if _URL.fullmatch(s.ref) else md(s.ref) for s in sources)

    def meeting(self, page: str, meeting: itu.Meeting) -> list[str]:
        when = _date(meeting.start) + (f" to {meeting.end}" if meeting.end else "")
        lines = [f"### Meeting {meeting.ordinal} {{ #meeting-{meeting.ordinal} }}", ""]
        lines.append(
            f"- {md(when)}" + "".join(f", {md(x)}" for x in (meeting.city, meeting.mode and meeting.mode.value) if x)
        )
        if meeting.note:
            lines.append(f"- {md_linked(meeting.note)}")
        report = meeting.report
        if report is not None:
            parts = [f"document {md(report.document)}" if report.document else "no document symbol recorded"]
            if report.noted_by:
                parts.append(f"noted by {self.link(page, report.noted_by)}")
            lines.append(f"- Report: {', '.join(parts)}")
            lines += [f"    - Action requested: {md(a)}" for a in report.actions_requested]
            lines += [f"    - Action approved: {md(a)}" for a in report.actions_approved]
        lines += ["", "Sources:", "", *self.sources(meeting.sources), ""]
        lines += self.disputes(meeting.disputes)
        return lines

    def consultation(self, page: str, consultation: itu.OpenConsultation) -> list[str]:
        del page
        anchor = self.slug(consultation.key)
        topic = consultation.topics.best("en") or consultation.key
        lines = [f"### {md(topic)} {{ #{anchor} }}", ""]
        if consultation.online is not None:
            online = consultation.online
            lines.append(f"- Online: {_date(online.start)}" + (f" to {online.end}" if online.end else ""))
        physical = consultation.physical_meeting
        if physical is not None:
            parts = [str(x) for x in (physical.date, physical.mode and physical.mode.value) if x]
            if physical.registered is not None:
                parts.append(
                    f"{'more than ' if physical.registered.more_than else ''}{physical.registered.value} registered"
                )
            lines.append(f"- Physical meeting: {md(', '.join(parts) or 'held')}")
        responses = consultation.responses
        if responses is not None and responses.total is not None:
            lines.append(f"- Responses: {responses.total}")
        lines += ["", "Sources:", "", *self.sources(consultation.sources), ""]
        lines += self.disputes(consultation.disputes)
        return lines

    def conference_index(self) -> str:
        page = "dataset/conf/index.md"
        lines = ["# Conferences and Council sessions", ""]
        lines += self.filter_box("by name, year or place")
        lines += ["| Conference or session | Type | Dates | Place | Acts recorded |", "| --- | --- | --- | --- | --- |"]
        for conf in self.reg.conferences():
            acts = len(self.reg.revisions(adopted_by=conf.key)) + sum(
                1 for r in self.instruments if r.end is not None and r.end.by == conf.key
            )
            when = _date(conf.start) + (f" to {conf.end}" if conf.end else "")
            lines.append(
                f"| {self.link(page, conf.key)} | {md(ISSUER_NAMES.get(conf.type.value, conf.type.value))} | "
                f"{md(when)} | {md(conf.city or '')} | {acts} |"
            )
        return "\n".join(lines)

    def conference(self, conf: itu.Conference) -> str:
        page = f"dataset/{conf.key}.md"
        lines = [f"# {md(conf.short_name)}", "", " · ".join(self.conference_facts(conf)), ""]
        if conf.aliases:
            lines += [f"Also called: {', '.join(md(a) for a in conf.aliases)}.", ""]
        revisions = self.reg.revisions(adopted_by=conf.key)
        groups: list[tuple[str, Callable[[itu.Revision], bool]]] = [
            ("Adopted", lambda r: r.designation is itu.Designation.ADOPTED),
            ("Revised", lambda r: r.designation is itu.Designation.REVISED),
            ("Modified", lambda r: r.designation is itu.Designation.MODIFIED),
        ]
        for heading, keep in groups:
            chosen = [r for r in revisions if keep(r)]
            if chosen:
                lines += [f"## {heading}", ""]
                lines += [f"- {self.link(page, r.key)}{self.title_suffix(r)}" for r in chosen]
                lines.append("")
        ended = [r for r in self.instruments if r.end is not None and r.end.by == conf.key]
        for how in sorted({r.end.how.value for r in ended if r.end is not None}):
            lines += [f"## {md(how.capitalize())}", ""]
            for res in (r for r in ended if r.end is not None and r.end.how.value == how):
                into = res.end.absorbed_into if res.end else None
                lines.append(f"- {self.link(page, res.key)}" + (f", into {self.link(page, into)}" if into else ""))
            lines.append("")
        if not revisions and not ended:
            lines += ["The data records no act of this conference or session.", ""]
        lines += self.disputes(conf.disputes)
        lines += ["## Sources", "", *self.sources(conf.sources)]
        return "\n".join(lines)

    @staticmethod
    def conference_facts(conf: itu.Conference) -> list[str]:
        facts = [f"`{conf.key}`", md(ISSUER_NAMES.get(conf.type.value, conf.type.value))]
        if conf.ordinal:
            facts.append(f"session {conf.ordinal}" + (" (extraordinary)" if conf.extraordinary else ""))
        if conf.start:
            facts.append(md(_date(conf.start) + (f" to {conf.end}" if conf.end else "")))
        place = ", ".join(x for x in (conf.city, conf.country) if x)
        if place:
            facts.append(md(place))
        if conf.mode:
            facts.append(md(conf.mode.value))
        return facts

    @staticmethod
    def title_suffix(rev: itu.Revision) -> str:
        title = rev.titles.best("en")
        return f": {md(title)}" if title else ""


class _Chart:
    """A Mermaid flowchart under construction: one node per record key, attested ones dashed."""

    def __init__(self, site: _Site) -> None:
        self.site = site
        self.ids: dict[str, str] = {}
        self.body: list[str] = []
        self.attested: list[str] = []

    def node(self, key: str) -> str:
        if key in self.ids:
            return self.ids[key]
        reg = self.site.reg
        node = self.ids[key] = f"n{len(self.ids)}"
        label = mermaid_text(self.site.name(key))
        if "@" not in key and key in reg:
            title = reg.resolution(key).title("en")
            label = label[:-1] + (f"<br>{mermaid_text(title[:60])[1:-1]}" if title else "") + '"'
        shape = ("(", ")") if "@" in key else ("[", "]")
        self.body.append(f"  {node}{shape[0]}{label}{shape[1]}")
        if "@" in key and key.partition("@")[0] in reg and attested(reg.revision(key)):
            self.attested.append(node)
        return node

    def edge(self, source: str, arrow: str, label: str, target: str) -> None:
        self.body.append(f"  {source} {arrow}|{mermaid_text(label)}| {target}")

    def lines(self) -> list[str]:
        styles = ["  classDef attested stroke-dasharray: 5 5", f"  class {','.join(self.attested)} attested"]
        return ["flowchart LR", *self.body, *(styles if self.attested else [])]


# --- assets --------------------------------------------------------------------------------------


def _fingerprint(registry: itu.Registry) -> str:
    """Changes whenever the data or the installed package does: the key of the timeline cache."""
    digest = hashlib.sha256(export.dumps(registry, "json").encode())
    package = Path(itu.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(metadata.version("matplotlib").encode())
    return digest.hexdigest()[:16]


def _timelines(registry: itu.Registry, paths: dict[str, str]) -> Iterator[tuple[str, Path]]:
    """Draw (or reuse) one timeline SVG per instrument with the ``timeline`` command."""
    folder = CACHE / "timelines" / _fingerprint(registry)
    wanted = {key: folder / (key.replace("/", "-") + ".svg") for key in paths}
    missing = [key for key, file in wanted.items() if not file.exists()]
    if missing:
        for old in folder.parent.glob("*"):
            if old != folder:
                shutil.rmtree(old)
        folder.mkdir(parents=True, exist_ok=True)
        _draw(missing, wanted)
    for key, path in paths.items():
        yield path, wanted[key]


_DRAW = """
import contextlib, io, sys
from itu_governance import cli
for key, output in zip(sys.argv[1::2], sys.argv[2::2]):
    with contextlib.redirect_stdout(io.StringIO()):
        if cli.main(["timeline", key, "-o", output]) != 0:
            sys.exit(f"could not draw the timeline of {key}")
"""


def _draw(keys: list[str], files: dict[str, Path]) -> None:
    """Draw in two processes: matplotlib spends its time laying out text, one core each."""
    workers = max(1, min(2, os.cpu_count() or 1, len(keys)))
    shares = [keys[i::workers] for i in range(workers)]
    procs = []
    for share in shares:
        argv = [arg for key in share for arg in (key, str(files[key]))]
        procs.append(subprocess.Popen([sys.executable, "-c", _DRAW, *argv], stderr=subprocess.PIPE, text=True))  # noqa: S603
    errors = [err for proc in procs for err in [proc.communicate()[1]] if proc.returncode != 0]
    if errors:
        msg = "the timeline pictures need the 'plot' extra (matplotlib):\n" + "\n".join(errors)
        raise PluginError(msg)


def _mermaid_bundle() -> Path:
    """Mermaid's browser bundle from the npm package, fetched once and checked against its integrity."""
    bundle = CACHE / f"mermaid-{MERMAID_VERSION}" / "mermaid.min.js"
    if bundle.exists():
        return bundle
    npm = shutil.which("npm")
    if npm is None:
        msg = (
            f"the lineage diagrams need Mermaid's browser bundle (npm package mermaid@{MERMAID_VERSION}) and npm "
            f"is not installed: install Node.js and npm (Debian: apt-get install npm), or put the package's "
            f"dist/mermaid.min.js at {bundle}"
        )
        raise PluginError(msg)
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(  # noqa: S603
            [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        tarballs = list(Path(tmp).glob("mermaid-*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            msg = f"npm pack mermaid@{MERMAID_VERSION} failed: {result.stderr.strip()}"
            raise PluginError(msg)
        data = tarballs[0].read_bytes()
        integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if integrity != MERMAID_INTEGRITY:
            msg = f"mermaid@{MERMAID_VERSION}: expected integrity {MERMAID_INTEGRITY}, got {integrity}"
            raise PluginError(msg)
        with tarfile.open(tarballs[0]) as archive:
            member = archive.extractfile("package/dist/mermaid.min.js")
            if member is None:
                msg = f"mermaid@{MERMAID_VERSION} has no dist/mermaid.min.js"
                raise PluginError(msg)
            content = member.read()
    bundle.parent.mkdir(parents=True, exist_ok=True)
    partial = bundle.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(bundle)
    return bundle
