"""Benchmark of `briefgen build` against its peers, on one large submission.

    python bench/bench_build.py [--claims 1000] [--rows 1000] [--runs 3] [--stages]

The submission has --claims claim paragraphs, each with a footnote, and an annex table of --rows
people (two in three without consent to publish their names). Whole processes, each pair run in
turn (A B A B ...) with the ratio taken pair by pair, for the public edition (masked, then read
back by the leak guard) and the confidential one (neither):
- DOCX: `briefgen build -f docx` against pandoc (pypandoc-binary) converting equivalent Markdown
  (the same paragraphs, footnotes and table) to DOCX. Target: <= 0.4 of pandoc's time.
- PDF: `briefgen build -f pdf` against WeasyPrint alone rendering the HTML briefgen generated for
  the same submission and edition. Target: <= 1.1 of WeasyPrint's time, <= 1.05 of its peak memory.
--stages also times each stage of a build in one process (check, assembly, each writer, the PDF's
layouts, the leak guard).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gen_dossier import generate
from timing import paired, ratios, row, run_once

HERE = Path(__file__).parent
WEASYPRINT = ("import sys, weasyprint\n"
              "weasyprint.HTML(string=open(sys.argv[1], encoding='utf-8').read(), base_url=sys.argv[3])"
              ".write_pdf(sys.argv[2])\n")


def equivalent_markdown(dossier_dir: Path, submission: str) -> str:
    """Pandoc Markdown with the same paragraphs, footnotes and annex table as our document."""
    from briefgen.assemble.assembly import assemble
    from briefgen.document import NoteRef, Paragraph, Table, Heading, plain_text
    from briefgen.pipeline import check_dossier

    dossier, _ = check_dossier(dossier_dir)
    doc = assemble(dossier, dossier.submissions[submission]).document
    out = [f"% {doc.meta.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * max(1, block.level) + " " + plain_text(block.children), ""]
        elif isinstance(block, Paragraph):
            text = "".join(f"[^{n.number}]" if isinstance(n, NoteRef) else plain_text([n]) for n in block.children)
            out += [(f"{block.number}. " if block.number else "") + text.replace("\n", " "), ""]
        elif isinstance(block, Table):
            cells = lambda row: "| " + " | ".join(plain_text(c).replace("|", "/") for c in row) + " |"  # noqa: E731
            out += [cells(block.header), "|" + "---|" * len(block.header)]
            out += [cells(r) for r in block.rows] + [""]
    out += [f"[^{n.number}]: {plain_text(n.children)}" for n in doc.notes]
    return "\n".join(out) + "\n"


def _in_child(fn, *args) -> None:
    """fn(*args) run in a forked child, waited for."""
    pid = os.fork()
    if pid == 0:
        try:
            fn(*args)
        finally:
            sys.stdout.flush()
            os._exit(0)
    os.waitpid(pid, 0)


def stages(dossier_dir: Path, edition: str) -> None:
    """Seconds of each stage of building the submission in `edition`, in this process."""
    import gc
    import time

    from briefgen.assemble.assembly import assemble
    from briefgen.assemble.templating import template_file
    from briefgen.pipeline import check_dossier
    from briefgen.render import pdf
    from briefgen.render.docx import render_docx
    from briefgen.render.html import render_html
    from briefgen.write.guard import find_leaks, secrets
    from briefgen.write.manifest import manifest

    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        print(f"  {name:<46} {now - clock[0]:7.3f} s")
        clock[0] = now

    print(f"stages of the {edition} edition, in one process:")
    dossier, _ = check_dossier(dossier_dir, use_cache=False)
    lap("check (no cache)")
    sub = dossier.submissions["bench"].model_copy(update={"edition": edition})
    assembled = assemble(dossier, sub)
    lap("assemble (masking included)")
    man = manifest(dossier, sub, assembled, ["docx", "pdf"])
    docx = render_docx(assembled.document, template_file("reference.docx", dossier.template_overrides))
    lap("DOCX writer")
    html = render_html(assembled.document, template_file("print.css", dossier.template_overrides).decode())
    lap("HTML writer")
    if edition == "public":
        found = secrets(dossier)
        find_leaks({"bench.docx": docx, "bench.manifest.json": man}, found)
        lap("leak guard: DOCX and manifest")
    layouts = []
    laid_out = pdf.misplaced_notes
    pdf.misplaced_notes = lambda document: layouts.append(1) or laid_out(document)
    data = pdf.render_pdf(html, base_dir=dossier_dir, allowed_roots=[dossier_dir], created=sub.date,
                          attachments=[("bench.manifest.json", man, "manifest")])
    pdf.misplaced_notes = laid_out
    lap(f"PDF: WeasyPrint, {len(layouts)} layout(s) with the footnote check")
    gc.collect()  # the layout's garbage, which a build leaves in the process that renders the PDF
    clock[0] = time.perf_counter()
    if edition == "public":
        find_leaks({"bench.pdf": data}, found)
        lap("leak guard: PDF")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stages", action="store_true")
    args = parser.parse_args()
    import pypandoc

    work = HERE / "work"
    os.environ["BRIEFGEN_CACHE_DIR"] = str(work / "cache")  # the parse cache, kept apart from the user's own
    env = dict(os.environ)
    dossier = work / "build-synthetic"
    generate(dossier, args.claims, max(1, args.claims // 2), args.rows, files=10, submissions=0)
    (dossier / "submissions" / "bench.yaml").write_text(
        "id: bench\nkind: collective-complaint\nto: un-sr-assembly\ntitle: Benchmark complaint\n"
        "date: 2020-01-15\nlanguage: en\nsections:\n  - title: Facts\n    role: description\n"
        "    claims: {tags: [detention, assembly, ill-treatment, media, election, prosecution]}\n"
        + "".join(f"  - {{title: {r}, role: {r}, text: Described in the annex.}}\n"
                  for r in ("victims", "perpetrators", "date-place", "legal-basis", "domestic-steps"))
        + "annex:\n  people: {roles: [detainee]}\n", encoding="utf-8")
    # Whatever loads briefgen here runs in a child process: this one stays small, because a process
    # started from it counts this one's memory in its own peak (until it starts its program).
    if args.stages:
        for edition in ("public", "confidential"):
            _in_child(stages, dossier, edition)
    out = work / "build-out"
    build = [sys.executable, "-m", "briefgen", "build", str(dossier), "-o", str(out)]
    md = work / "bench.md"
    _in_child(lambda: md.write_text(equivalent_markdown(dossier, "bench"), encoding="utf-8"))
    run_once(build + ["-f", "html", "--edition", "both"], env)
    pandoc = [pypandoc.get_pandoc_path(), str(md), "-o", str(work / "pandoc.docx")]
    print(f"submission: {args.claims} claim paragraphs with footnotes, annex table of {args.rows} rows")
    for edition in ("public", "confidential"):
        html = out / dossier.name / f"bench.{edition}.html"
        weasyprint = [sys.executable, "-c", WEASYPRINT, str(html), str(work / "weasy.pdf"), str(dossier)]
        docx = paired(build + ["-f", "docx", "--edition", edition], pandoc, args.runs, env=env)
        pdf = paired(build + ["-f", "pdf", "--edition", edition], weasyprint, args.runs, env=env)
        print(row(f"briefgen build -f docx, {edition}", docx["a"]))
        print(row("pandoc md -> docx", docx["b"]))
        print(row(f"briefgen build -f pdf, {edition}", pdf["a"]))
        print(row(f"weasyprint alone ({edition} html)", pdf["b"]))
        print(ratios(f"DOCX / pandoc, {edition}", docx, "time <= 0.4"))
        print(ratios(f"PDF / weasyprint, {edition}", pdf, "time <= 1.1, memory <= 1.05"))


if __name__ == "__main__":
    main()
