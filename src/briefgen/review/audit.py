"""The audit of an edited DOCX: what a lawyer's edits in Word did to the citations.

Pure. A DOCX that briefgen built carries a manifest (the claims it printed, the dossier files it was
built from) and a bookmark on each claim paragraph. With the dossier, the audit builds the same
submission again and compares: claim paragraphs present, changed (with a word diff) or gone; notes
deleted, changed, added by hand, or citing nothing the dossier knows; new sentences with no note
that read like assertions; provisions named in the text that the dossier has no norm for. Any other
DOCX gets its notes listed and its unsourced assertions found.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from ..assemble.assembly import assemble
from ..assemble.citations import clean_url
from ..checks.normtext import NormIndex
from ..document import AuthoritiesTable, Heading, NoteRef, Paragraph, Table, plain_text, walk
from ..load.resolve import Dossier
from ..render.docx import read_manifest
from .docx_read import DocxContent, DocxParagraph, read_docx

# Paragraph styles that hold letter furniture, headings and tables of contents, not assertions.
_FURNITURE = ("heading", "title", "address", "date", "subject", "salutation", "signature", "caption", "toc",
              "toa", "authorit", "header", "footer", "letterhead", "table heading")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# A sentence ends at . ! ? (and a closing quote) before a capital: after a space, or, where two paragraphs
# were merged without one ("2019.A video"), right after a lower-case letter or digit.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’']))\s+(?=[A-Z“\"(‘])|(?<=[a-z0-9)][.!?])(?=[A-Z“(‘])")
_WORD = re.compile(r"[\w’'.-]+")
# References to provisions and to the document's own parts ("art 405(2)", "paras 4 and 6", "n 3"): numbers
# that point, not numbers that assert.
_POINTER = re.compile(r"\b(?:articles?|arts?|paragraphs?|paras?|nn?|sections?|parts?|rules?|principles?)\.?\s*"
                      r"\d+[\w().]*(?:\s*(?:,|and|or|;)\s*\d+[\w().]*)*", re.IGNORECASE)
_HONORIFIC = {"Mr", "Ms", "Mrs", "Dr", "Judge", "President", "Minister", "Mr.", "Ms.", "Mrs.", "Dr."}


def normalise(text: str) -> str:
    """Text compared as a reader compares it: straight quotes, single spaces, note numbers of `(n 4)` aside."""
    text = text.translate(str.maketrans("‘’“”\u00a0", "''\"\" "))
    text = re.sub(r"\b(nn?|paras?) \d+(?:(?:, | and )\d+)*", r"\1 #", text)
    return " ".join(text.split())


def word_diff(before: str, after: str) -> list[list[str]]:
    """[op, words] runs turning `before` into `after`: "=" kept, "-" removed, "+" added."""
    a, b = before.split(), after.split()
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(["=", " ".join(a[i1:i2])])
            continue
        if i2 > i1:
            out.append(["-", " ".join(a[i1:i2])])
        if j2 > j1:
            out.append(["+", " ".join(b[j1:j2])])
    return out


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (a full stop, question or exclamation mark before a capital)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def assertion_reason(sentence: str) -> str | None:
    """Why a sentence reads like a factual assertion (a number, a date, a name), or None."""
    words = _WORD.findall(sentence)
    if len(words) < 4:
        return None
    counted = _POINTER.sub(" ", sentence)
    if any(m in words for m in _MONTHS) and re.search(r"\d", counted):
        return "a date"
    if re.search(r"\d", counted):
        return "a number"
    rest = words[1:]
    for first, second in zip(rest, rest[1:]):
        if first[:1].isupper() and second[:1].isupper() and not second.isupper():
            return "a name"
    if any(w in _HONORIFIC for w in words[:-1]):
        return "a name"
    return None


def _furniture(para: DocxParagraph) -> bool:
    style = para.style.lower()
    return any(word in style for word in _FURNITURE)


class _Original:
    """The submission as briefgen builds it now from the dossier: what the edited DOCX is compared with."""

    def __init__(self, dossier: Dossier, submission_id: str, edition: str | None):
        sub = dossier.submissions[submission_id]
        if edition in ("public", "confidential") and edition != sub.edition:
            sub = sub.model_copy(update={"edition": edition})  # built with --edition
        document = assemble(dossier, sub).document
        self.claim_text: dict[str, str] = {}
        self.note_claim: dict[int, str] = {}
        texts: list[str] = []
        for block in walk(document.blocks):
            if isinstance(block, (Paragraph, Heading)):
                texts.append(plain_text(block.children))
                if isinstance(block, Paragraph) and block.claim:
                    self.claim_text[block.claim] = plain_text(block.children)
                    for node in block.children:
                        if isinstance(node, NoteRef):
                            self.note_claim[node.number] = block.claim
            elif isinstance(block, Table):
                texts += [plain_text(cell) for row in [block.header, *block.rows] for cell in row]
            elif isinstance(block, AuthoritiesTable):
                texts += [g.title for g in block.groups]
                texts += [plain_text(e.children) + " " + plain_text(e.places) for g in block.groups for e in g.entries]
        self.corpus = "\n".join(normalise(t) for t in texts)
        self.notes = [plain_text(n.children).strip() for n in document.notes]

    def has(self, sentence: str) -> bool:
        """Whether a sentence (normalised) is part of the built document's text."""
        return normalise(sentence) in self.corpus


def _authorities(dossier: Dossier) -> list[tuple[str, str]]:
    """(needle, what it identifies) for every source and norm: URLs, titles, descriptions, instruments."""
    found: list[tuple[str, str]] = []
    for source in dossier.sources.values():
        for text in (source.url, clean_url(source.url) if source.url else None, source.archive):
            if text:
                found.append((text, source.id))
        for text in (source.title, source.title_en, source.description):
            if text and len(text) >= 8:
                found.append((normalise(text), source.id))
    for norm in dossier.norms.values():
        found.append((normalise(norm.instrument), norm.id))
    return found


def _cites(text: str, authorities: list[tuple[str, str]]) -> list[str]:
    flat = normalise(text)
    if flat.lower().startswith("ibid"):
        return ["ibid"]
    return list(dict.fromkeys(ident for needle, ident in authorities if needle in text or needle in flat))


def audit(data: bytes, name: str, dossier: Dossier | None = None) -> dict:
    """The findings on a DOCX (raises ValueError when it is no readable DOCX)."""
    content = read_docx(data)
    notices: list[str] = []
    try:
        kept = read_manifest(data)
    except ValueError as exc:
        kept, notices = None, [f"{exc}; the document is audited as one briefgen did not write"]
    manifest = (kept or {}).get("manifest") or {}
    # Claim bookmarks map to claim ids (other bookmarks mark numbered paragraphs); a public edition's
    # manifest may list a claim whose id would name a hidden person as "claim N".
    claim_ids = set(manifest.get("claims", [])) | (set(dossier.claims) if dossier else set())
    bookmarks = {b: c for b, c in (kept or {}).get("bookmarks", {}).items() if c in claim_ids}
    printed = list(dict.fromkeys(bookmarks.values()))
    sub_id = manifest.get("submission")
    original = None
    if dossier is not None and kept is not None:
        if sub_id in dossier.submissions:
            original = _Original(dossier, sub_id, manifest.get("edition"))
            changed = sorted(p for p, h in manifest.get("inputs", {}).items() if dossier.files.get(p) != h)
            if changed:
                notices.append(f"the dossier changed since this document was built ({', '.join(changed)}): it is "
                               "compared with what the dossier gives now")
        else:
            notices.append(f"the dossier has no submission '{sub_id}': claim texts and notes are not compared")
    elif kept is not None:
        notices.append("no dossier given (--dossier): claim texts and notes are not compared with the built document")
    else:
        notices.append("briefgen did not build this document (it has no briefgen manifest): only its notes and "
                       "unsourced assertions are reported")
    report = {"file": name, "built_by_briefgen": kept is not None, "submission": sub_id,
              "dossier": dossier.name if dossier else None, "notices": notices,
              "paragraphs": len(content.paragraphs), "notes_count": len(content.notes)}
    report["claims"] = _claims(content, bookmarks, printed, original)
    report["notes"] = _notes(content, original, dossier) if original else {
        "list": [{"number": n, "text": t, "paragraph": content.note_paragraph[n]} for n, t in content.notes.items()],
        "deleted": [], "changed": [], "added": []}
    report["unsourced"] = _unsourced(content, bookmarks, original)
    report["unknown_norms"] = _unknown_norms(content, dossier) if dossier else []
    report["summary"] = {
        "claims_present": len(report["claims"]["present"]), "claims_changed": len(report["claims"]["changed"]),
        "claims_gone": len(report["claims"]["gone"]), "notes_deleted": len(report["notes"]["deleted"]),
        "notes_added": len(report["notes"]["added"]), "notes_changed": len(report["notes"]["changed"]),
        "notes_unmatched": sum(not n["matches"] for n in report["notes"]["added"] + report["notes"]["changed"]),
        "unsourced_assertions": len(report["unsourced"]), "unknown_norms": len(report["unknown_norms"])}
    return report


def _claims(content: DocxContent, bookmarks: dict[str, str], printed: list[str], original: _Original | None) -> dict:
    where: dict[str, DocxParagraph] = {}
    for para in content.paragraphs:
        for mark in para.bookmarks:
            if mark in bookmarks and bookmarks[mark] not in where:
                where[bookmarks[mark]] = para
    present, changed = [], []
    for claim in printed:
        para = where.get(claim)
        if para is None:
            continue
        others = [c for c in printed if c != claim and where.get(c) is para]
        before = original.claim_text.get(claim) if original else None
        entry = {"claim": claim, "paragraph": para.position, "text": para.text, "notes": para.notes,
                 "note_deleted": not para.notes, "merged_with": others, "before": before, "diff": None}
        if before is not None and normalise(before) != normalise(para.text):
            entry["diff"] = word_diff(before, para.text)
            changed.append(entry)
        present.append(entry)
    return {"present": present, "changed": changed, "gone": [c for c in printed if c not in where],
            "compared": original is not None}


def _notes(content: DocxContent, original: _Original, dossier: Dossier) -> dict:
    """Notes matched with the built document's: unchanged, changed (with a diff), added by hand, deleted."""
    authorities = _authorities(dossier)
    waiting = Counter(normalise(t) for t in original.notes)
    left: list[tuple[int, str]] = []
    for number, text in content.notes.items():
        key = normalise(text)
        if waiting[key] > 0:
            waiting[key] -= 1
        else:
            left.append((number, text))
    unmatched = []  # original notes no current note equals: (number, text)
    for number, text in enumerate(original.notes, 1):
        key = normalise(text)
        if waiting[key] > 0:
            waiting[key] -= 1
            unmatched.append((number, text))
    changed, added = [], []
    for number, text in left:
        scored = [(difflib.SequenceMatcher(None, normalise(o), normalise(text)).ratio(), i)
                  for i, (_, o) in enumerate(unmatched)]
        best = max(scored, default=(0.0, -1))
        cites = _cites(text, authorities)
        entry = {"number": number, "text": text, "paragraph": content.note_paragraph[number], "cites": cites,
                 "matches": bool(cites)}
        if best[0] >= 0.6:
            was_number, was = unmatched.pop(best[1])
            changed.append({**entry, "before": was, "claim": original.note_claim.get(was_number),
                            "diff": word_diff(was, text)})
        else:
            added.append(entry)
    deleted = [{"text": text, "claim": original.note_claim.get(number)} for number, text in unmatched]
    listed = [{"number": n, "text": t, "paragraph": content.note_paragraph[n]} for n, t in content.notes.items()]
    return {"list": listed, "deleted": deleted, "changed": changed, "added": added}


def _unsourced(content: DocxContent, bookmarks: dict[str, str], original: _Original | None) -> list[dict]:
    """Sentences that read like assertions and no note supports: in paragraphs without a note, or added
    to a claim's paragraph (whose note cites that claim's sources only). With the built document to
    compare with, only sentences it does not have."""
    found = []
    for para in content.paragraphs:
        if not para.text or para.in_table or _furniture(para):
            continue  # tables hold data and the table of authorities, not sentences
        claims = [bookmarks[m] for m in para.bookmarks if m in bookmarks]
        if para.notes and not claims:
            continue  # a note added by hand supports the paragraph; the notes list shows it
        if claims and original is None:
            continue  # cannot tell what was added to a claim's paragraph without the built text
        for sentence in sentences(para.text):
            if original is not None and original.has(sentence):
                continue
            reason = assertion_reason(sentence)
            if reason:
                found.append({"paragraph": para.position, "text": sentence, "reason": reason,
                              "context": f"added to the paragraph of claim {', '.join(claims)}" if claims
                              else ("new text" if original is not None else "no note")})
    return found


def _unknown_norms(content: DocxContent, dossier: Dossier) -> list[dict]:
    """Provisions named in the body that no norm of the dossier (or briefgen's library) describes."""
    index = NormIndex(dossier.norms)
    found, seen = [], set()
    for para in content.paragraphs:
        if para.in_table or _furniture(para):
            continue
        for mention in index.find(para.text):
            key = (mention.text, mention.article)
            if mention.norm_ids or key in seen:
                continue
            seen.add(key)
            found.append({"paragraph": para.position, "text": mention.text, "article": mention.article})
    return found
