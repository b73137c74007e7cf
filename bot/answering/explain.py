"""How the matcher read a question, for a curator deciding what to add to a pack.

A refusal says what the pack lacks; a curator also needs to see why: which words were dropped
as fillers, which were spelt out or corrected, which the pack has never seen (and whether one
of them vetoes), what kind of answer the question wants, and why each close snippet could not
answer it. ``docket ask --why`` prints this after the answer. It reads the question the way
``Router.ask`` does (``Router.reading``), and changes nothing.
"""

from __future__ import annotations

from bot.answering.followups import Follow, follow_up
from bot.answering.framing import last_question
from bot.answering.router import Reading, Router
from bot.matching import addresses
from bot.matching.answer_type import Expect
from bot.matching.gate import Decision, Verdict
from bot.matching.query import answer_type_word, compound
from bot.pack.model import Gap

#: How many of the ranked snippets to show.
SHOWN = 5


def explain(router: Router, text: str) -> list[str]:
    """Lines describing how ``text`` was read and decided against the router's pack, along the
    path ``Router.route`` takes: a command, a question that names a command, or a question
    for the matcher (and, when the whole message covers too little, its last question)."""
    request = router.parse(text)
    if not request.text:
        return ["An empty message: Docket shows its help, and no question was matched."]
    if len(request.text) > router.settings.max_chars:
        return [f"Longer than {router.settings.max_chars} characters: refused unread, and no "
                "question was matched."]
    if request.command is not None:
        return [f"Read as the command {request.command.name!r}: no question was matched."]
    followed = follow_up(request.text)
    if followed is not None and followed.kind is not Follow.ABOUT:
        # as routed: read against the conversation's last answer; ``ask --why`` has none
        return [f"Read as a follow-up ({followed.kind.value}) of the conversation's last "
                "answer; with none before it, it is asked afresh:",
                *_matched(router, router.reading(request.text))[0]]
    name, _, rest = request.text.partition(" ")
    if router.looks_like_command(name, rest):
        return [f"Read as a mistyped command {name!r}: no question was matched."]
    whole = router.reading(request.text)
    named = router.named_command(request.text, whole)
    if named is not None:
        return [f"Read as the command {named[0].name!r}, which the question names in everyday "
                "words: no snippet was matched."]
    lines, decision = _matched(router, whole)
    asked = last_question(request.text)
    if decision.verdict is Verdict.WEAK and asked is not None:
        tried, decision = _matched(router, router.reading(asked))
        lines += ["The whole message covers too little, so its last question was tried alone:",
                  *(f"  {line}" for line in tried)]
        if decision.lead is not None and not router.stays_with(asked, whole.hits,
                                                               decision.lead.id):
            lines.append("  It points back at the rest of the message, and its answer is not "
                         "among what the whole message reached, so it is not used.")
    if decision.verdict is not Verdict.ANSWER and router.about_the_sources(request.text) \
            and not router.asks_a_gap(whole):
        lines.append("It asks about the sources themselves (an author, an outlet, a date), so "
                     "the sources are listed instead.")
    return lines


def _matched(router: Router, reading: Reading) -> tuple[list[str], Decision]:
    """How the matcher read and decided one question, and its decision."""
    index, gate = router.index, router.gate
    query, exact, hits, decision = reading
    vocabulary = index.vocabulary
    weights = dict(zip(query.terms, query.weights))
    fixed = dict(query.corrections)
    lines = ["How Docket read it:"]
    read = []
    kind_at = answer_type_word(query.words)
    for at, word in enumerate(query.words):
        terms = vocabulary.fold(fixed.get(word, word))
        if not terms:
            read.append(f"{word} (filler)")
            continue
        if at == kind_at or (word in addresses.NAMING and
                             query.expect in (Expect.EMAIL, Expect.WEB)):
            read.append(f"{word}: the kind of answer asked for, not its subject")
            continue
        how = f" (read as {fixed[word]!r})" if word in fixed else ""
        if not any(t in weights for t in terms):
            split = compound(word, index)
            terms, how = (split, " (split in two)") if split else (terms, how)
        shown = " ".join(f"{t} {weights[t]:.2f}" for t in terms if t in weights)
        read.append(f"{word}{how} -> {shown or '(counted once, above)'}")
    lines += [f"  {item}" for item in read] or ["  (no words)"]
    if query.unknown:
        vetoes = [w for w in query.unknown if w in query.named]
        everyday = [w for w in query.unknown if w not in query.named]
        if vetoes:
            lines.append(f"  not in the pack, and names something: {', '.join(vetoes)} "
                         "(refused unless a curated question says it)")
        if everyday:
            lines.append(f"  not in the pack, everyday English (weighs little): "
                         f"{', '.join(everyday)}")
    if query.expect is Expect.EXPANSION:
        lines.append(f"  wants: the words {' '.join(sorted(query.counts))} is short for")
    elif query.expect is not Expect.ANYTHING:
        counted = f", counting {' '.join(sorted(query.counts))}" if query.counts else ""
        article = "an" if query.expect.value[0] in "aeiou" else "a"
        lines.append(f"  wants: {article} {query.expect.value}{counted}")
    if query.event:
        lines.append(f"  about the event: {' '.join(query.event)}")
    if query.owner:
        lines.append(f"  whose: {' '.join(query.owner)}")
    if exact is not None:
        how = ("word for word" if query.key in router.index.exact
               else "in the same terms, asked the same way")
        lines.append(f"  a curated question of {exact.id}, {how}")
    if hits:
        lines.append("Closest snippets and gaps:")
    chosen = {d.id for d in (decision.lead, decision.gap, exact) if d is not None}
    for rank, hit in enumerate(hits, 1):
        if rank > SHOWN and hit.snippet.id not in chosen:     # the decision's own is shown
            continue
        if isinstance(hit.snippet, Gap):
            why = "a known gap"
        else:
            why = gate.shortfall(query, hit) or "could answer"
        lines.append(f"  {rank}. {hit.snippet.id}: score {hit.score:.2f}, covers "
                     f"{hit.coverage:.0%}, matched {', '.join(sorted(hit.matched))}: {why}")
    if not query.terms and exact is None:      # as Router.ask reads a message of fillers
        reply = router.topicless_reply(query)
        shown = {"overview": f"the overview ({router.pack.overview})", "help": "help"}
        lines.append(f"Decision: no topic word: {shown.get(reply, f'{reply}: a short reply')}")
        return lines, decision
    lines.append(f"Decision: {_decided(decision.verdict)}"
                 + (f" ({decision.lead.id})" if decision.lead is not None else "")
                 + (f" ({decision.gap.id})" if decision.gap is not None else ""))
    return lines, decision


def _decided(verdict: Verdict) -> str:
    return {Verdict.ANSWER: "answered", Verdict.GAP: "refused with a known gap",
            Verdict.NAMED: "refused: it names something the pack lacks",
            Verdict.NUMBER: "refused: a number the sources do not give with these words",
            Verdict.TYPE: "refused: the kind of answer wanted is not in the close snippets",
            Verdict.WEAK: "refused: nothing covers enough of the question"}[verdict]
