"""What a question is about: the thing it asks for (its focus), whose absence from the pack
vetoes an answer however much the rest of the question matches ("the *population* of the
town", "who *chairs* the committee", "what did the Texas *governor* say")."""

from __future__ import annotations

import re

from bot.matching import text as tx

#: Leading words that ask for something; the first content word after them is the focus.
_ASKING = {"what", "whats", "which", "who", "whos", "whom", "whose", "where", "wheres",
           "name", "list"}
_LINKING = {"is", "are", "was", "were", "s", "the", "a", "an", "of", "did", "does", "do",
            "has", "have", "had", "will", "would", "can", "could", "should", "exactly",
            "actually", "really", "current", "currently", "actual"}
#: "what did X *say about* Y": Y is what the question is about.
_SAYING = {"say", "says", "said", "saying", "think", "thinks", "thought", "feel", "feels",
           "felt", "write", "wrote", "writes", "comment", "commented", "claim", "claimed",
           "argue", "argued", "argues"}
#: "Does *X* ...", "is *X* ...": a yes-or-no question about its subject.
_YES_NO = {"does", "do", "did", "is", "are", "was", "were", "can", "will", "has", "have"}
#: "the *best* pizza": what a superlative ranks is what the question is about.
_RANKING = {"best", "worst", "top", "cheapest", "nearest", "closest", "biggest", "largest",
            "smallest", "favorite", "favourite", "recommended", "good", "great"}
#: "when was it *founded*", "where did she *study*": an event asked about by its verb.
WHEN_WHERE = {"when", "where", "whens", "wheres"}
AUXILIARY = {"was", "were", "is", "are", "did", "does", "do", "will", "has", "have", "had"}
#: "When is the cached *one* used": a pronoun; "where does the shuttle *go*": a verb too light.
NO_EVENT = {"one", "ones", "go", "goes", "gone", "went", "done", "do", "happen", "be", "get"}
#: "The foundation's *budget*": not a contraction ("what's Eagle Pass's *population*").
#: A word's "'s" that is no contraction ("what's", "it's", "let's" are).
_NOT_CONTRACTED = r"\b(?!(?:what|who|it|that|there|here|where|how|when|why|he|she|let)['’]s\b)"
_POSSESSIVE = re.compile(_NOT_CONTRACTED + r"[a-z0-9]+['’]s ([a-z]+)(?: ([a-z]+))?",
                         re.IGNORECASE)


#: "*Marlow's* phone number": whose thing is asked (contractions like "what's" excluded).
_OWNER = re.compile(_NOT_CONTRACTED + r"([a-z0-9]+)['’]s\s+[a-z]", re.IGNORECASE)


def owners(question: str) -> list[str]:
    """The words a question makes possessive: an answer about another owner's thing answers
    a different question ("Marlow's phone number" is not the library's phone number)."""
    return [tx.normalise(m) for m in _OWNER.findall(question)]


def focus_words(question: str, typed: tuple[str, ...], fillers: frozenset[str]) -> set[str]:
    """The thing a question asks for: the word after a possessive ("the foundation's
    *budget*"), or the first content word after a leading question word ("what's the
    *population* of", "who *chairs*"), or a leading word followed by "of" ("*headline* of"),
    or what someone said something about ("what did she say about *tariffs*"), or what a
    superlative ranks ("the best *pizza*"), or the subject of a yes-or-no question ("does
    *rust* have a bounty"), or the verb that ends a "when was it *founded*" question."""
    found = set()
    for match in _POSSESSIVE.finditer(question):
        first, second = (tx.normalise(w) for w in match.groups(default=""))
        found.add(second if first in fillers and second else first)
    words = list(typed)
    if len(words) > 1 and words[1] == "of" and words[0] not in fillers:
        found.add(words[0])
    for i, word in enumerate(words[:-1]):
        at = i + 2 if words[i + 1] in ("anything", "something") else i + 1   # "say anything about"
        if word in _SAYING and words[at:at + 1] == ["about"]:
            rest = [w for w in words[at + 1:] if w not in fillers]
            if rest:
                found.add(rest[0])
    if words and words[0] in _ASKING:
        rest = [w for w in words[1:] if w not in _LINKING]
        said = next((i for i, w in enumerate(words[:6]) if w in _SAYING), 0)
        if said > 2:    # "what did *the texas governor* say": who is asked is the focus
            found.update(w for w in words[1:said] if w not in _LINKING and w not in fillers)
        if rest and rest[0] not in fillers:
            found.add(rest[0])
    if len(words) > 2 and words[0] in _YES_NO and words[1] not in fillers:
        found.add(words[1])         # "does *rust* have a bounty": whom the question is about
    for i, word in enumerate(words[:-1]):
        if word in _RANKING:
            rest = [w for w in words[i + 1:] if w not in fillers]
            if rest:
                found.add(rest[0])
    if len(words) > 3 and words[0] in WHEN_WHERE and words[1] in AUXILIARY \
            and words[-1] not in fillers | NO_EVENT and not ends_on_a_place(words):
        found.add(words[-1])
    return found - {""}


#: Words between a preposition and its noun: "in *the* repo", "on *my* fork".
_DETERMINERS = {"the", "a", "an", "my", "our", "your", "their", "his", "her", "its", "this",
                "that", "these", "those"}
_PREPOSITIONS = {"in", "on", "at", "of", "for", "from", "to", "into", "inside", "under",
                 "within", "by", "with", "about"}


def ends_on_a_place(words: list[str] | tuple[str, ...]) -> bool:
    """Whether a "where is the config *in the repo*" (or "*in a modified build*") question ends
    on a preposition's noun, not on the verb of an event ("where did she *study*")."""
    rest = [w for w in words[:-1] if w not in _DETERMINERS]
    if len(rest) > 1 and rest[-2] in _PREPOSITIONS and rest[-1].endswith(("ed", "en")):
        return True                 # a participle between them: "in a *modified* build"
    return bool(rest) and rest[-1] in _PREPOSITIONS
