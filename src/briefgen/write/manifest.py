"""The build manifest: what went into one output document. Pure."""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..assemble.assembly import Assembled
from ..load.resolve import Dossier
from ..assemble.templating import template_file


def manifest(dossier: Dossier, submission_id: str, assembled: Assembled, formats: list[str]) -> bytes:
    """JSON bytes listing claims, sources, norms, people and template used, with input hashes."""
    template = template_file(assembled.template, dossier.template_overrides)
    data = {
        "briefgen": __version__,
        "dossier": dossier.name,
        "submission": submission_id,
        "edition": dossier.submissions[submission_id].edition,
        "formats": formats,
        "template": {"name": assembled.template,
                     "origin": "dossier" if assembled.template in dossier.template_overrides else "built-in",
                     "sha256": hashlib.sha256(template).hexdigest()},
        "claims": assembled.claims,
        "sources": assembled.sources,
        "norms": assembled.norms,
        "people": assembled.people,
        "inputs": dict(sorted(dossier.files.items())),
        "evidence": {k: v for k, v in sorted(dossier.evidence.items())},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
