"""The build manifest: what went into one output document. Pure.

A public edition's manifest names people without publish consent only by their pseudonym and
confidential sources only by their code, and lists no file or id that would carry a hidden name.
"""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..assemble.assembly import Assembled
from ..assemble.masking import Masker
from ..assemble.templatefiles import template_file
from ..load.resolve import Dossier
from ..models import Submission


def _withheld(masker: Masker, text: str) -> bool:
    return bool(masker.mentions(text.replace("-", " ").replace("_", " ").replace("/", " ")))


def manifest(dossier: Dossier, submission: Submission, assembled: Assembled, formats: list[str]) -> bytes:
    """JSON bytes listing claims, sources, norms, people and template used, with input hashes."""
    template = template_file(assembled.template, dossier.template_overrides)
    masker = assembled.masker or Masker.for_submission(dossier, submission)
    claims, sources, people = assembled.claims, assembled.sources, assembled.people
    inputs, evidence = dict(sorted(dossier.files.items())), dict(sorted(dossier.evidence.items()))
    if masker.public:
        pseudonyms = masker.assigned()
        claims = [f"claim {i}" if _withheld(masker, c) else c for i, c in enumerate(claims, 1)]
        sources = [masker.code(dossier.sources[s]) or (f"source {i}" if _withheld(masker, s) else s)
                   for i, s in enumerate(sources, 1) if s in dossier.sources]
        people = sorted({pseudonyms.get(p, "withheld") if p in masker.people else p for p in people})
        hidden_files = {s.file for s in dossier.sources.values() if s.confidential and s.file}
        inputs = {(f"file {i}" if _withheld(masker, path) else path): digest
                  for i, (path, digest) in enumerate(inputs.items(), 1) if path not in hidden_files}
        evidence = {path: digest for path, digest in evidence.items()
                    if path not in hidden_files and not _withheld(masker, path)}
    data = {
        "briefgen": __version__,
        "dossier": dossier.name,
        "submission": submission.id,
        "edition": submission.edition,
        "formats": formats,
        "template": {"name": assembled.template,
                     "origin": "dossier" if assembled.template in dossier.template_overrides else "built-in",
                     "sha256": hashlib.sha256(template).hexdigest()},
        "claims": claims,
        "sources": sources,
        "norms": assembled.norms,
        "people": people,
        "inputs": inputs,
        "evidence": evidence,
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
