"""The audit as plain text, for a terminal: what the edits did, most serious first."""

from __future__ import annotations

import textwrap


def diff_text(diff: list[list[str]]) -> str:
    """A word diff inline: [-removed-] {+added+}."""
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in diff)


def _wrap(text: str, indent: str = "    ") -> list[str]:
    return textwrap.wrap(text, 100, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def audit_text(report: dict) -> str:
    """Every finding of review.audit.audit, grouped, with paragraph positions and texts."""
    s = report["summary"]
    lines = [f"{report['file']}: {report['paragraphs']} paragraphs, {report['notes_count']} notes"
             + (f"; built by briefgen from submission {report['submission']}" if report["built_by_briefgen"] else "")]
    lines += [f"note: {n}" for n in report["notices"]]
    lines.append(f"unsourced assertions: {s['unsourced_assertions']}")
    for item in report["unsourced"]:
        lines += _wrap(f"paragraph {item['paragraph']} ({item['context']}; {item['reason']}): {item['text']}")
    claims = report["claims"]
    if report["built_by_briefgen"]:
        lines.append(f"claim paragraphs: {s['claims_present']} present, {s['claims_changed']} changed, "
                     f"{s['claims_gone']} gone" + ("" if claims["compared"] else " (texts not compared)"))
        for claim in claims["gone"]:
            lines.append(f"    gone: {claim}")
        for item in claims["present"]:
            if item["note_deleted"]:
                lines.append(f"    note deleted: claim {item['claim']} (paragraph {item['paragraph']}) has no note")
            if item["merged_with"]:
                lines.append(f"    merged: claim {item['claim']} shares paragraph {item['paragraph']} with "
                             f"{', '.join(item['merged_with'])}")
        for item in claims["changed"]:
            lines += _wrap(f"changed: claim {item['claim']} (paragraph {item['paragraph']}): {diff_text(item['diff'])}")
    notes = report["notes"]
    lines.append(f"notes: {s['notes_deleted']} deleted, {s['notes_changed']} changed, {s['notes_added']} added by hand, "
                 f"{s['notes_unmatched']} citing nothing the dossier knows")
    for item in notes["deleted"]:
        owner = f" (of claim {item['claim']})" if item["claim"] else ""
        lines += _wrap(f"deleted{owner}: {item['text']}")
    for item in notes["changed"]:
        flag = "" if item["matches"] else " NO LONGER MATCHES ANY SOURCE OF THE DOSSIER"
        lines += _wrap(f"changed: note {item['number']}{flag}: {diff_text(item['diff'])}")
    for item in notes["added"]:
        flag = f" (cites {', '.join(item['cites'])})" if item["matches"] else " (matches no source of the dossier)"
        lines += _wrap(f"added: note {item['number']} in paragraph {item['paragraph']}{flag}: {item['text']}")
    if not report["built_by_briefgen"]:
        for item in notes["list"]:
            lines += _wrap(f"note {item['number']} (paragraph {item['paragraph']}): {item['text']}")
    if report["dossier"]:
        lines.append(f"provisions the dossier has no norm for: {s['unknown_norms']}")
        for item in report["unknown_norms"]:
            lines.append(f"    paragraph {item['paragraph']}: article {item['article']} in \"{item['text']}\"")
    return "\n".join(lines) + "\n"
