"""Build: assemble and render every chosen submission in memory; the caller writes them all."""

from __future__ import annotations

from pathlib import Path

import click

from .activity import working_on
from .assemble.assembly import assemble
from .assemble.templating import TemplateProblem, template_file
from .isolate import run_bounded
from .limits import current as current_limits
from .load.resolve import Dossier
from .render import RenderError
from .write.guard import confidential_leaks
from .write.manifest import manifest


class BuildFailure(Exception):
    """A submission that cannot be built; the message says what to do."""


def _template_roots(dossier: Dossier) -> list[Path]:
    from importlib import resources
    roots = [Path(str(resources.files("briefgen.templates")))]
    if dossier.root is not None:
        roots.append(dossier.root.resolve())
    return roots


def render_formats(dossier: Dossier, sub_id: str, formats: list[str], pdf_variant: str | None) -> dict[str, bytes]:
    """One submission rendered to each format, plus its manifest: extension -> bytes."""
    from .render.docx import render_docx
    from .render.html import render_html
    from .render.pdf import render_pdf

    sub = dossier.submissions[sub_id]
    try:
        assembled = assemble(dossier, sub)
    except TemplateProblem as exc:
        raise BuildFailure(f"{sub_id}: template {exc.template}, line {exc.line}: {exc.message}") from None
    document = assembled.document
    leaks = confidential_leaks(dossier, sub, document)
    if leaks:
        raise BuildFailure(f"{sub_id}: the public edition would contain confidential text "
                           f"({'; '.join(leaks[:3])}): mark the material confidential-only or build a "
                           "confidential edition")
    out: dict[str, bytes] = {}
    man = manifest(dossier, sub_id, assembled, formats)
    try:
        if "docx" in formats:
            out["docx"] = render_docx(document, template_file("reference.docx", dossier.template_overrides))
        if "html" in formats or "pdf" in formats:
            css = template_file("print.css", dossier.template_overrides).decode("utf-8")
            html = render_html(document, css)
            if "html" in formats:
                out["html"] = html.encode("utf-8")
            if "pdf" in formats:
                base = dossier.root.resolve() if dossier.root else Path.cwd()
                out["pdf"] = render_pdf(html, base_dir=base, allowed_roots=_template_roots(dossier),
                                        variant=pdf_variant,
                                        attachments=[(f"{sub_id}.manifest.json", man, "briefgen build manifest")],
                                        created=sub.date)
    except RenderError as exc:
        raise BuildFailure(f"{sub_id}: {exc}") from None
    out["manifest.json"] = man
    return out


def build_outputs(dossier: Dossier, sub_ids: list[str], formats: list[str], target: Path,
                  pdf_variant: str | None, progress: bool = False) -> dict[Path, bytes]:
    """Every output file of the chosen submissions: path -> bytes (nothing written yet)."""
    files: dict[Path, bytes] = {}

    limits = current_limits()

    def one(sub_id: str) -> None:
        wanted = formats or list(dossier.submissions[sub_id].formats)
        with working_on(f"submission {sub_id}"):  # in a child process bounded in time and memory
            rendered = run_bounded(render_formats, dossier, sub_id, wanted, pdf_variant, what=f"building {sub_id}",
                                   seconds=limits.build_seconds, memory_mb=limits.build_memory_mb,
                                   expected=(BuildFailure,))
        for ext, data in rendered.items():
            files[target / f"{sub_id}.{ext}"] = data

    if progress:
        with click.progressbar(sub_ids, label="Building", file=click.get_text_stream("stderr"),
                               item_show_func=lambda s: s or "") as bar:
            for sub_id in bar:
                one(sub_id)
    else:
        for sub_id in sub_ids:
            one(sub_id)
    return files
