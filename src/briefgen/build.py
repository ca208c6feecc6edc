"""Build: assemble and render every chosen submission in memory, in each edition asked for, and
read public editions back through the leak guard; the caller writes them all."""

from __future__ import annotations

from pathlib import Path

from . import status
from .activity import working_on
from .assemble.assembly import assemble
from .assemble.templating import TemplateProblem, template_file
from .checks.placeholders import placeholder
from .document import walk_text
from .isolate import BoundExceeded, ChildCrash, run_bounded
from .limits import current as current_limits
from .load.resolve import Dossier
from .models import Addressee, Submission
from .render import RenderError
from .write.guard import find_leaks, secrets, summary
from .write.manifest import manifest


class BuildFailure(Exception):
    """A submission that cannot be built; the message says what to do."""


def _template_roots(dossier: Dossier) -> list[Path]:
    from importlib import resources
    roots = [Path(str(resources.files("briefgen.templates")))]
    if dossier.root is not None:
        roots.append(dossier.root.resolve())
    return roots


def editions(submission: Submission, choice: str | None) -> list[Submission]:
    """The submission in each edition to build: its own, or the one (or both) chosen on the command line."""
    wanted = [submission.edition] if choice is None else (["public", "confidential"] if choice == "both" else [choice])
    return [submission if e == submission.edition else submission.model_copy(update={"edition": e}) for e in wanted]


def render_formats(dossier: Dossier, sub: Submission, formats: list[str], pdf_variant: str | None) -> dict[str, bytes]:
    """One submission (in the edition it carries) rendered to each format, plus its manifest:
    extension -> bytes. A public edition is read back, and refused if anything confidential is in it."""
    from .render.docx import render_docx
    from .render.html import render_html
    from .render.pdf import render_pdf_fresh

    stem = f"{sub.id}.{sub.edition}"
    status.show("assembling the document")
    try:
        assembled = assemble(dossier, sub)
    except TemplateProblem as exc:
        raise BuildFailure(f"{sub.id}: template {exc.template}, line {exc.line}: {exc.message}") from None
    document = assembled.document
    unfinished = next(((text, marker) for text in walk_text(document) if (marker := placeholder(text))), None)
    if unfinished:  # `check` reports these at their line (BG801); this is the last read before rendering
        raise BuildFailure(f"{sub.id}: the document would print '{unfinished[1]}' (in \"{unfinished[0][:80]}\"): "
                           "remove the placeholder from the dossier or template; `briefgen check` shows where it is")
    out: dict[str, bytes] = {}
    man = manifest(dossier, sub, assembled, formats)
    document.meta.manifest = man.decode("utf-8")  # the DOCX keeps it in its custom properties
    try:
        if "docx" in formats:
            status.show("writing the DOCX")
            out["docx"] = render_docx(document, template_file("reference.docx", dossier.template_overrides))
        if "html" in formats or "pdf" in formats:
            status.show("writing the HTML")
            css = template_file("print.css", dossier.template_overrides).decode("utf-8")
            html = render_html(document, css)
            if "html" in formats:
                out["html"] = html.encode("utf-8")
            if "pdf" in formats:
                base = dossier.root.resolve() if dossier.root else Path.cwd()
                options = {"base_dir": base, "allowed_roots": _template_roots(dossier), "variant": pdf_variant,
                           "attachments": [(f"{stem}.manifest.json", man, "briefgen build manifest")],
                           "created": sub.date}
                limits = current_limits()
                status.show("PDF: starting")
                out["pdf"] = run_bounded(render_pdf_fresh, html, options, status.handover(),
                                         what=f"rendering the PDF of {sub.id} ({sub.edition})",
                                         seconds=limits.build_seconds, memory_mb=limits.build_memory_mb,
                                         expected=(RenderError,), fresh=True)
    except RenderError as exc:
        raise BuildFailure(f"{sub.id}: {exc}") from None
    out["manifest.json"] = man
    if sub.edition == "public":
        status.show("reading the public edition back (leak guard)")
        leaks = find_leaks({f"{stem}.{ext}": data for ext, data in out.items()}, secrets(dossier))
        if leaks:
            found = "\n".join(f"  {line}" for line in summary(leaks))
            raise BuildFailure(
                f"{sub.id}: the public edition would contain confidential text, so it was refused:\n{found}\n"
                "Run `briefgen check` (BG602 names what masking cannot reach). If the text came from a template, "
                "use person_name() there; if nothing explains it, it is a bug in briefgen: please report it, and "
                "build only `--edition confidential` meanwhile.")
    return out


def build_outputs(dossier: Dossier, sub_ids: list[str], formats: list[str], target: Path,
                  pdf_variant: str | None, edition: str | None = None) -> dict[Path, bytes]:
    """Every output file of the chosen submissions, `<submission>.<edition>.<ext>`: path -> bytes
    (nothing written yet). Each stage is shown on the status line, when it is on."""
    files: dict[Path, bytes] = {}
    limits = current_limits()
    for number, sub_id in enumerate(sub_ids, 1):
        wanted = formats or list(dossier.submissions[sub_id].formats)
        for sub in editions(dossier.submissions[sub_id], edition):
            status.about(f"[{number}/{len(sub_ids)}] {sub_id} ({sub.edition})" if len(sub_ids) > 1
                         else f"{sub_id} ({sub.edition})")
            with working_on(f"submission {sub_id}, {sub.edition} edition"):  # in a child bounded in time and memory
                rendered = run_bounded(render_formats, dossier, sub, wanted, pdf_variant,
                                       what=f"building {sub_id} ({sub.edition})", seconds=limits.build_seconds,
                                       memory_mb=limits.build_memory_mb,
                                       expected=(BuildFailure, BoundExceeded, ChildCrash))
            for ext, data in rendered.items():
                files[target / f"{sub_id}.{sub.edition}.{ext}"] = data
    status.about("")
    return files


def confidentiality_rules(body: Addressee) -> str | None:
    """What a body does with names and with the submitter's identity, in one sentence, if known."""
    rules = body.confidentiality
    parts = []
    if rules.names_sent_to_state:
        parts.append("victims' names are transmitted to the State")
    if rules.published:
        parts.append(rules.published)
    if rules.source_confidential_on_request:
        parts.append("the submitter's identity is kept confidential on request")
    if rules.anonymous is False and parts:
        parts.append("anonymous submissions are not accepted")
    if not parts and rules.notes:
        parts.append(rules.notes.rstrip("."))
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:] if parts else None


def confidentiality_notes(dossier: Dossier, sub_ids: list[str]) -> list[str]:
    """One note per submission and body addressed or copied, with that body's confidentiality rules."""
    notes = []
    for sub_id in sub_ids:
        sub = dossier.submissions[sub_id]
        for body_id in dict.fromkeys([sub.to, *sub.cc]):
            body = dossier.addressees.get(body_id)
            rules = confidentiality_rules(body) if body else None
            if rules:
                notes.append(f"note: {sub_id} goes to {body.short or body.name}: {rules}")
    return notes
