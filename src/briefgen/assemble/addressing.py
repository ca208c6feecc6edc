"""How a submission addresses its bodies: salutation, subject line, the consent statement Special
Procedures ask for, the State's name, and the categories of arbitrary detention invoked. Pure."""

from __future__ import annotations

from typing import Callable

from ..load.resolve import Dossier
from ..models import Addressee, CategoryInvoked, Person, Submission



def state_name(code: str | None) -> str:
    """The English short name of a State from its ISO 3166-1 alpha-2 code ('KZ' -> 'Kazakhstan')."""
    if not code:
        return ""
    import pycountry  # only when a document is assembled

    country = pycountry.countries.get(alpha_2=code.upper())
    return getattr(country, "common_name", None) or (country.name if country else code)


def _addressed(body: Addressee) -> str:
    """'Special Rapporteur' from 'Dear Special Rapporteur,'."""
    return body.salutation.strip().removeprefix("Dear ").rstrip(",").strip()


def join_and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _mandates(names: list[str]) -> str:
    """Mandates named briefly, to follow 'the': 'Special Rapporteurs on X and on Y, and the Working Group
    on Z'."""
    prefix = "Special Rapporteur on "
    rapporteurs = [n[len(prefix):] for n in names if n.startswith(prefix)]
    others = [n for n in names if not n.startswith(prefix)]
    if len(rapporteurs) > 1:
        items = ["Special Rapporteurs " + join_and([f"on {r}" for r in rapporteurs])] + others
    else:
        items = [prefix + r for r in rapporteurs] + others
    if len(rapporteurs) > 1 and others:  # 'and' already joins the rapporteurs
        return ", ".join([items[0]] + [f"the {o}" for o in items[1:-1]]) + f", and the {items[-1]}"
    return join_and([items[0]] + [f"the {o}" for o in items[1:]])


class Addressing:
    """The bodies a submission is addressed to (jointly) and copied to, and how to address them."""

    def __init__(self, dossier: Dossier, submission: Submission):
        self.dossier = dossier
        self.sub = submission
        self.bodies: list[Addressee] = [dossier.addressees[a] for a in submission.addressees if a in dossier.addressees]
        self.copies: list[Addressee] = [dossier.addressees[a] for a in submission.cc
                                        if a in dossier.addressees and a not in submission.addressees]
        self.body = self.bodies[0]
        self.state_name = state_name(dossier.meta.state if dossier.meta else None)

    @property
    def joint(self) -> bool:
        return len(self.bodies) > 1

    def salutation(self) -> str:
        """The body's own salutation, or for a joint communication one naming every body addressed."""
        if not self.joint:
            return self.body.salutation
        groups: dict[str, list[Addressee]] = {}
        for b in self.bodies:
            groups.setdefault(b.addressed_as or b.name, []).append(b)
        names = [plural if len(members) > 1 else _addressed(members[0]) for plural, members in groups.items()]
        return f"Dear {join_and(names)},"

    def address_lines(self) -> list[str]:
        """The address block: every body addressed by name, then the postal address and email(s)."""
        lines = [b.name for b in self.bodies]
        addresses = list(dict.fromkeys(tuple(b.address) for b in self.bodies))
        if len(addresses) == 1:
            lines += list(addresses[0])
        else:
            lines = []
            for b in self.bodies:
                lines += [b.name, *b.address]
        emails = list(dict.fromkeys(b.email for b in self.bodies if b.email))
        if emails:
            lines.append("By email: " + "; ".join(emails))
        return lines

    def subject_line(self) -> str:
        """What the subject says. To Special Procedures: urgent or not, the mandates addressed, the State
        (as their submission channel asks); to other bodies, the title."""
        if any(b.family == "un-special-procedures" for b in self.bodies):
            urgency = "Urgent" if self.sub.kind == "urgent-appeal" else "Not urgent"
            mandates = _mandates([b.short or b.name for b in self.bodies])
            state = f" ({self.state_name})" if self.state_name else ""
            return f"{urgency} — submission to the {mandates}{state}: {self.sub.title}"
        return self.sub.title

    def consent_statement(self, victims: list[Person], name_of: Callable[[Person], str]) -> str:
        """For bodies that send victims' names to the State: who agreed to that, from the consent data;
        those who did not are named (by `name_of`, so a public edition shows their pseudonym)."""
        if not any(b.confidentiality.names_sent_to_state for b in self.bodies) or not victims:
            return ""
        government = f"the Government of {self.state_name}" if self.state_name else "the Government concerned"
        agreed = [p for p in victims if p.consent.share_with_state]
        if len(victims) == 1:
            person = victims[0]
            their = {"male": "his", "female": "her"}.get(person.sex or "", "their")
            if agreed:
                return f"{name_of(person)} has agreed to {their} name being transmitted to {government}."
            return (f"We have no record that {name_of(person)} agreed to {their} name being transmitted to "
                    f"{government}; we ask that it not be transmitted until that consent has been confirmed.")
        if len(agreed) == len(victims):
            return (f"Each of the {len(victims)} alleged victims in this communication has agreed to their "
                    f"name being transmitted to {government}.")
        withheld = [p for p in victims if not p.consent.share_with_state]
        names = join_and([name_of(p) for p in withheld])
        if not agreed:
            return (f"We have no record that the alleged victims in this communication agreed to their "
                    f"names being transmitted to {government}; we ask that the names not be transmitted until "
                    "their consent has been confirmed.")
        agree = "has" if len(agreed) == 1 else "have"
        name = "name" if len(withheld) == 1 else "names"
        return (f"Of the {len(victims)} alleged victims in this communication, {len(agreed)} {agree} agreed "
                f"to their names being transmitted to {government}. We ask that the {name} of {names} not be "
                "transmitted until consent has been confirmed.")

    def applies(self, norms: list) -> list:
        """The norms a body applies (the Human Rights Committee applies the Covenant only), others left out."""
        instruments = {i for b in self.bodies for i in b.applies}
        return [n for n in norms if not instruments or n.short in instruments] if instruments else norms

    def categories_of(self, person: Person) -> list[CategoryInvoked]:
        """The categories of arbitrary detention invoked for a person: their own, else the submission's."""
        return person.categories or self.sub.categories

    def invoked_categories(self, people: list[Person]) -> list[dict]:
        """The categories the submission invokes, each with the Working Group's text and our reasons."""
        wanted: dict[str, list[str]] = {}
        for c in self.sub.categories:
            wanted.setdefault(c.category, []).extend([c.reason] if c.reason else [])
        for person in people:
            for c in person.categories:
                wanted.setdefault(c.category, [])
        texts = {c.id: c.text for b in self.bodies for c in b.wgad_categories}
        order = ("I", "II", "III", "IV", "V")
        return [{"id": cid, "text": texts.get(cid, ""), "reasons": wanted[cid]}
                for cid in order if cid in wanted]
