"""The coverage report as plain text, for a terminal: figures first, then the argument paragraph by paragraph."""

from __future__ import annotations

import textwrap

_LABELS = (("sourced", "sourced"), ("corroborated", "corroborated (2+ publishers)"),
           ("social_only", "only social media"), ("self_sourced", "only our own publications"),
           ("official_only", "only official sources"))


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def figures(data: dict) -> list[str]:
    """The counts and shares of a submission or of the dossier, one topic a line."""
    c, s = data["counts"], data["shares"]
    lines = [f"claims {c['claims']}: " + ", ".join(f"{label} {c[key]} ({_pct(s[key])})" for key, label in _LABELS)]
    lines.append(f"claims in violation sections with a norm: {c['with_norms']} of {c['in_violation_sections']} "
                 f"({_pct(s['with_norms'])})")
    kinds = ", ".join(f"{k} {n}" for k, n in data["sources_by_kind"].items()) or "none"
    lines.append(f"sources {c['sources']} ({kinds}); archived or local copy {c['archived']} ({_pct(s['archived'])}); "
                 f"with a publication date {c['dated']}; web pages with an accessed date {c['accessed']} of "
                 f"{c['web_sources']}")
    lines.append(f"people named {c['people']}, without consent to publish their name {c['people_without_consent']}")
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 100, initial_indent=indent, subsequent_indent=indent) or [indent]


def submission_text(sub: dict) -> list[str]:
    """One submission: figures, paragraphs with their support, recommendations, norms."""
    lines = [f"{sub['id']}: {sub['title']}", f"  to {', '.join(sub['to'])}; {sub['edition']} edition; "
                                                f"{sub['where']}"]
    lines += ["  " + line for line in figures(sub)]
    lines.append("  paragraphs:")
    for row in sub["paragraphs"]:
        mark = f"{row['number']}." if row["number"] else "-"
        if row["claim"]:
            norms = f"; norms {', '.join(row['norms'])}" if row["norms"] else ""
            head = (f"    {mark} claim {row['claim']} ({row['status']}; {len(row['sources'])} sources, "
                    f"{row['publishers']} publishers{norms}) {row['where']}")
        else:
            head = f"    {mark} {row['kind']} ({row['section']})"
        lines.append(head)
        lines += _wrap(row["text"], "        ")
    if sub["recommendations"]:
        lines.append("  recommendations:")
        for rec in sub["recommendations"]:
            support = ", ".join(f"{c['id']} ({'para ' + str(c['paragraph']) if c['paragraph'] else 'in the document'})"
                                if c["in_document"] else f"{c['id']} (NOT IN THE DOCUMENT)" for c in rec["claims"])
            lines += _wrap(f"{rec['number']}. {rec['text']}", "    ")
            lines.append(f"       rests on: {support or 'no claim'}")
    if sub["norms"]:
        lines.append("  norms:")
        for norm in sub["norms"]:
            paras = ", ".join(map(str, norm["paragraphs"]))
            lines.append(f"    {norm['id']} ({norm['short']}): claims {', '.join(norm['claims']) or 'none'}"
                         + (f"; {'para' if len(norm['paragraphs']) == 1 else 'paras'} {paras}" if paras else ""))
    return lines


def coverage_text(report: dict) -> str:
    """The whole report: each submission, then the dossier's figures and what nothing uses."""
    lines: list[str] = []
    for sub in report["submissions"]:
        lines += submission_text(sub) + [""]
    whole = report["dossier"]
    lines.append(f"dossier {whole['name']} (every claim and source)")
    lines += ["  " + line for line in figures(whole)]
    unused = ", ".join(f"{u['id']} ({u['where']})" for u in whole["unused_sources"]) or "none"
    lines += _wrap(f"sources no claim cites: {unused}", "  ")
    unused = ", ".join(f"{u['id']} ({u['where']})" for u in whole["unused_norms"]) or "none"
    lines += _wrap(f"dossier norms nothing uses: {unused}", "  ")
    return "\n".join(lines) + "\n"
