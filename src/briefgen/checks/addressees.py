"""BG7xx: a submission gives its addressee what the body requires, in a form it accepts."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from .memo import claims_of

# Parts a submission gives with fields of its own rather than with a section of that role.
_GIVEN_BY = {"recommendations": "'recommendations:' (or a section with 'role: recommendations')",
             "summary": "'summary:' (or a section with 'role: summary')",
             "detainees": "'annex: {people: {roles: [...]}}' (or a section with 'role: detainees')"}
WORDS_PER_PAGE = 500  # a page of a letter in 11-12 pt type, footnotes aside


def words(text: str | None) -> int:
    """Words in a text, as a word processor counts them."""
    return len(text.split()) if text else 0


def submission_words(dossier: Dossier, sub) -> int:
    """The length of a submission's own text: summary, sections, claims and recommendations."""
    total = words(sub.summary) + sum(words(s.text) for s in sub.sections)
    total += sum(words(c.statement) for c in claims_of(dossier, sub))
    total += sum(words(r.text) for r in sub.recommendations)
    return total


def _provided_by_dossier(sub, role: str) -> bool:
    """Whether the submission gives what the dossier must provide for a part.

    The author (submitter) is dossier.yaml's: a missing or faulty one is reported there.
    """
    if role in ("victim", "victims"):
        return bool(sub.victims)
    return True


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG701 required sections, BG702 length limits, BG703 languages, BG704 kinds received."""
    for sub in dossier.submissions.values():
        body = dossier.addressees.get(sub.to)
        if body is None:
            continue  # BG205 already says so
        yield from _required_parts(dossier, sub)
        yield from _limits_and_language(dossier, sub, body)


def _required_parts(dossier: Dossier, sub) -> Iterator[Diagnostic]:
    """Every part the addressee, and each body copied (a joint communication), requires."""
    roles = {s.role for s in sub.sections if s.role}
    if sub.recommendations:
        roles.add("recommendations")
    if sub.summary:
        roles.add("summary")
    if sub.annex and sub.annex.people:
        roles.add("detainees")
    bodies = [dossier.addressees[a] for a in dict.fromkeys([*sub.addressees, *sub.cc]) if a in dossier.addressees]
    seen: set[str] = set()
    for body in bodies:
        for part in body.required_sections:
            if part.role in seen:
                continue
            seen.add(part.role)
            if part.optional:
                continue
            if part.source == "section" and part.role not in roles:
                fix = _GIVEN_BY.get(part.role, f"a section with 'role: {part.role}'")
                yield diagnostic("BG701", dossier.where(sub, "sections"),
                                 f"{body.short or body.name} requires '{part.title}': add {fix} to '{sub.id}'", sub.id)
            elif part.source == "dossier" and not _provided_by_dossier(sub, part.role):
                yield diagnostic("BG701", dossier.where(sub, "kind"),
                                 f"{body.short or body.name} requires '{part.title}': list the person ids under "
                                 f"'victims' in '{sub.id}'", sub.id)


def _limits_and_language(dossier: Dossier, sub, body) -> Iterator[Diagnostic]:
    """BG702 length, BG703 language, BG704 kind, against the body addressed."""
    limits = body.limits
    if limits.words or limits.pages:
        count = submission_words(dossier, sub)
        cap = min(x for x in (limits.words, (limits.pages or 0) * WORDS_PER_PAGE or None) if x)
        if count > cap:
            what = f"{limits.words} words" if limits.words == cap else f"about {limits.pages} pages"
            yield diagnostic("BG702", dossier.where(sub, "id"),
                             f"'{sub.id}' runs to {count} words, over {body.short or body.name}'s limit of "
                             f"{what}: select fewer claims or move detail to an annex", sub.id)
    if limits.summary_words and words(sub.summary) > limits.summary_words:
        yield diagnostic("BG702", dossier.where(sub, "summary"),
                         f"the summary of '{sub.id}' has {words(sub.summary)} words, over the "
                         f"{limits.summary_words} that {body.short or body.name} recommends: shorten it", sub.id)
    if sub.language not in body.languages:
        yield diagnostic("BG703", dossier.where(sub, "language"),
                         f"{body.short or body.name} does not accept '{sub.language}': use one of "
                         f"{', '.join(body.languages)}", sub.id)
    if body.kinds and sub.kind not in body.kinds:
        yield diagnostic("BG704", dossier.where(sub, "kind"),
                         f"{body.short or body.name} does not receive submissions of kind '{sub.kind}': it receives "
                         f"{', '.join(body.kinds)}; change 'kind' or 'to'", sub.id)
