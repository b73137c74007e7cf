"""What of a question is asked: the words around it that say how to answer, whose account, or
what to set aside are read first and left out, so they neither dilute nor veto what is asked.
Plain text rules over the question as typed, before it is split into words.
"""

from __future__ import annotations

import re

#: "Besides Eagle Pass, where else...", "...apart from file ones?", "which towns other than
#: Eagle Pass were named", "..., as opposed to the program itself?": what a question sets aside
#: (up to a comma, up to three words that end it, or
#: up to three words before its verb) is not what it asks; the question is never dropped.
_EXCLUDED = re.compile(r"\b(?:besides|apart from|aside from|other than|except(?: for)?|"
                       r"excluding|as opposed to)\s+(?:[^,.;:?!]{1,40}?,|"
                       r"[^,.;:?!\s]+(?:\s+[^,.;:?!\s]+){0,2}"
                       r"(?=\?*\s*$)|(?:[^,.;:?!\s]+\s+){1,3}?(?=(?:is|are|was|were|do|does|did|"
                       r"has|have|will|would|can|could|what|which|who|where|when|how|why)\b))",
                       re.IGNORECASE)
#: How long or in what form the answer should be ("in 10 words or less", "in one or two lines",
#: "like I'm 5", "in this context"): an instruction, not part of what is asked, and its number
#: is no figure to look for.
_FORMAT = re.compile(r"[,;]?\s*\b(?:(?:in|within|under)\s+(?:(?:one|two|three|a few|a couple of|"
                     r"a|\d+)(?:\s+or\s+(?:two|three|\d+))?\s+(?:words?|lines?|sentences?|"
                     r"paragraphs?|bullets?|bullet points?)(?:\s+or\s+(?:less|fewer))?|"
                     r"plain (?:english|language|terms)|simple terms|layman'?s terms|"
                     # "in ICE's own wording": how to answer, not what about
                     r"(?:[\w'’]+ ){0,2}own (?:words?|wording)|short)|"
                     r"word for word|verbatim|(?:the )?(?:short|quick|brief) version|in a nutshell|"
                     r"long story short|in (?:this|that|the|its|their|this particular) context|"
                     # "explain like i'm 5": as simply as can be
                     r"like (?:i'?m|i am|im) (?:5|five|a (?:5|five)[- ]year[- ]old|a kid|"
                     r"a child)|eli5)\b", re.IGNORECASE)
#: "*What words did* ICE *use* to describe it": how it was put, asked of what was said; the
#: words and their use are no part of what it is about.
_WORDING = re.compile(r"\b(?:what|which) (?:words?|language|terms|wording|phrases?) "
                      r"(?:did|does|do|has|have) (.+?) use\b", re.IGNORECASE)
#: "The term *"Library"*", "the phrase *'this License'*": naming a quoted word is no part of
#: what is asked about it.
_NAMING = re.compile(r"\b(?:the |this |that )?(?:term|word|phrase|expression|wording|name)\s+"
                     r"(?=[\"“'‘])", re.IGNORECASE)
#: "Did *the first* article say...": which of the documents is meant, not what about; the
#: documents themselves are cited with every answer.
_WHICH_DOCUMENT = re.compile(r"\b(?:first|second|1st|2nd|other|latter|former)\s+(?=(?:article|"
                             r"piece|story|report|document|source|headline|title)s?\b)",
                             re.IGNORECASE)
#: "..., according to the Daily Planet piece": whose account is asked for, not what about;
#: every answer names its sources.
_ACCORDING = re.compile(r",?\s*\b(?:according to|per) (?:the |this |that )?(?:[\w'’.-]+ ){1,4}?"
                        r"(?:piece|article|story|report|post|write-?up|coverage|reporting)s?"
                        r"\s*\?*\s*$", re.IGNORECASE)
#: A tag at the end ("is this a new thing *or what*", "is it mandatory *or not*", "... *y/n*",
#: "... - *anything specific?*")
#: asks nothing: its "what" is no question word, its "n" no name.
_TAG = re.compile(r",?\s*\bor\s+(?:what|not|something|anything|nah|no|nope)\W*$|"
                  r"[,;:-]?\s*\banything (?:specific|in particular)\W*$|"
                  r"[,;:(]?\s*\b(?:y/n|yes/no|yes or no)\b\W*$", re.IGNORECASE)
#: "...have a photo on it, *right?*" asks for a yes; "which side is right?" asks who is.
_RIGHT_TAG = re.compile(r"(?<=\w),?\s+right\s*\?+\s*$", re.IGNORECASE)
_RIGHT_TAG_WORDS = 5
#: "Does either article *bring up* X": mentions it; "bring" is no topic.
_BRING_UP = re.compile(r"\b(?:bring|brings|bringing|brought) up\b", re.IGNORECASE)
#: "The end goal *from ICE's side*": whose view is asked, as "according to ICE" asks it.
_SIDE = re.compile(r"\bfrom ([\w.-]+)['’]s? (?:side|perspective|point of view|viewpoint|end)\b",
                   re.IGNORECASE)
#: "What's the point of voting", "what's the root cause of the failure": asks why, and its
#: "point" or "cause" is no topic.
_PURPOSE = re.compile(r"\bwhat(?:['’]s|s| is| was) the (?:(?:whole |main )?(?:point|purpose) "
                      r"(?:of|in)|(?:root |underlying |real )?cause of)\b|"
                      r"^\s*(?:what(?:['’]s|s| is) the )?(?:purpose|point) of\b", re.IGNORECASE)
#: "Whose job is it to check X": who should.
_WHOSE_JOB = re.compile(r"\bwhose (?:job|responsibility|task|duty) is it to\b", re.IGNORECASE)
#: "the widget purpose?", "the tool - what for?": asks what it is for, as "why" does.
_PURPOSE_TAIL = re.compile(r"^(.{1,60}?)[\s,:-]+(?:purpose|(?:what|wat) (?:is it )?for)\s*\?*\s*$",
                           re.IGNORECASE)
#: "What's the *quickest way to* split it out": asks how, and its superlative ranks nothing.
_MANNER = re.compile(r"\b(?:what(?:['’]s|s| is| are) )?(?:the |a |an )?(?:best|quickest|fastest|"
                     r"easiest|simplest|cleanest|proper|right|correct|recommended|safest|"
                     r"good|usual|standard|normal) (?:way|ways|method|approach) (?:to|of)\b",
                     re.IGNORECASE)

#: "Who *is allowed to* nominate": asks who can; "allowed" is no topic of its own.
_PERMITTED = re.compile(r"\b(?:is|are|am|was|were|be|being|get|gets)\s+(?:allowed|permitted|able)"
                        r"\s+to\b", re.IGNORECASE)
#: "Where can I *find* the list": asks where it is, and finding is no part of it.
_WHERE_FIND = re.compile(r"\b(where|wheres|where's)\s+(?:can|could|do|would|should|might)\s+"
                         r"(?:i|we|you|one|someone|people)\s+(?:find|locate|look up|see)\b",
                         re.IGNORECASE)
#: "What do they do *day to day*": how often, not a day.
_ROUTINE = re.compile(r"\b(?:on a )?(?:day[- ]to[- ]day|daily basis|regular basis)\b",
                      re.IGNORECASE)

#: "*In the event of* an incident, which document...": a condition, and no event of its own.
_IN_THE_EVENT = re.compile(r"\b(?:in the event (?:of|that)|in case of)\b", re.IGNORECASE)
#: "Who are they for, *in ICE's official wording*": whose account is asked, as "according to
#: ICE" asks it; the wording is no topic.
_IN_WORDS = re.compile(r",?\s*\bin (?:[\w.-]+['’]s?|the|their|its|his|her) "
                       r"(?:own |official |exact )?(?:words|wording|terms|language|phrasing)\b",
                       re.IGNORECASE)
#: "...the same group - *which one*": "one" stands for a thing named before, and is none.
_WHICH_ONE = re.compile(r"\b(which|that|this|the) ones?\b", re.IGNORECASE)
#: "Supported *right now*": the present, and "right" is no topic.
_NOW = re.compile(r"\b(?:right now|at the moment|as of (?:now|today)|these days)\b", re.IGNORECASE)
#: "..., like a phone or a laptop?": examples closing a question illustrate what it
#: asks ("any medium") and are no part of it.
_EXAMPLES = re.compile(r",\s*(?:like|e\.?g\.?|for example|for instance|such as)\s+[^,.;:?!]+"
                       r"[?.!]*\s*$", re.IGNORECASE)
#: "What does Frank do *for a living*", "where does Frank *work now*": his job or employer,
#: which a snippet quoting him does not give.
_NOT_A_PRONOUN = r"(?!(?:he|she|it|they|you|i|we|this|that)\b)"
_SOMEONE = _NOT_A_PRONOUN + r"([\w.'’-]+(?: [\w.'’-]+){0,2})"
_LIVING = re.compile(r"^\s*what (?:does|do|did) " + _SOMEONE + r" do for (?:a )?living\b",
                     re.IGNORECASE)
_EMPLOYER = re.compile(r"^\s*(?:where|who) (?:does|do) " + _SOMEONE + r" work"
                       r"(?: for)?(?: now| nowadays| these days| today)?\b", re.IGNORECASE)
#: "This new rule *everyone's talking about*", "the thing *I keep hearing about*": that it is
#: in the news, which nobody asks about; what is asked is the thing itself.
_TALKED_ABOUT = re.compile(r",?\s*\b(?:that |which )?(?:(?:every(?:one|body)|people|folks|"
                           r"they)(?:['’]s|['’]re| is| are| keep| keeps)?|i(?:['’]ve| have)? "
                           r"(?:keep|been))\s+(?:talking|hearing|reading|posting|going on)"
                           r" about\b", re.IGNORECASE)
#: "Why did they turn it off*, it seemed useful*": the asker's own view closing a question.
_OWN_VIEW = re.compile(r",\s*(?:it|that|this|which) (?:seemed|seems|looked|looks|sounded|sounds)"
                       r"(?: (?:so|really|pretty|quite|very))? [\w-]+\W*$", re.IGNORECASE)
#: "What's the deal with the new rule": what about it.
_DEAL = re.compile(r"\bwhat(?:['’]s| is|s) (?:the|ur|your) (?:deal|story|situation) "
                   r"(?:with\b|w/|w\b)", re.IGNORECASE)
#: "What's the *full name of* NICE", "NICE's full form": what the abbreviation stands for (an
#: abbreviation typed in capitals: "the full name of the director" asks a name).
_FULL_NAME = re.compile(r"^\s*(?:(?:what|wat)(?:['’]s|s| is)\s+)?(?:the\s+)?"
                        r"(?:full (?:name|form)\s+"
                        r"(?:of|for)\s+([A-Z][A-Z0-9]{1,7})|([A-Z][A-Z0-9]{1,7})['’]s full "
                        r"(?:name|form))\W*$")

#: "Is it true that X", "true or false: X", "X, true?": whether X holds is what any answer
#: about X says; "true" is no topic of the question.
_IS_IT_TRUE = re.compile(r"^\s*(?:(?:so|but|and|ok|okay)\W+)?"
                         r"(?:is it|it is|is this|is that|isn'?t it)\s+(?:really\s+)?"
                         r"(?:true|correct|accurate|the case)\s+(?:that\s+)?|"
                         r"^\s*true or false\s*[:,-]?\s*|"
                         r",\s*(?:is (?:that|this|it) )?(?:true|correct|accurate)"
                         r"(?: or (?:not|false))?\s*\?*\s*$", re.IGNORECASE)


def what_is_asked(question: str) -> str:
    """The question without what it sets aside, its answer's form, whose account it wants, the
    naming of a quoted word and a closing tag; "what words did X use" reads as "how did X
    describe", "what's the point (or root cause) of X" as "why X", "whose job is it to X" as
    "who should X", "is it true that X" as X, "the quickest way to X" as "how to X",
    "bring up" as "mention", "from X's side" as "X", "the full name of NASA" as "what does NASA
    stand for", "what does X do for a living" as "what job does X have"; examples closing it
    (", like X or Y"), that a thing is talked about and the asker's own view (", it seemed
    useful") are left out."""
    question = _IS_IT_TRUE.sub(" ", question)
    question = _DEAL.sub("what about", _TALKED_ABOUT.sub(" ", question))
    question = _OWN_VIEW.sub(" ", question)
    question = _EMPLOYER.sub(r"what employer does \1 have",
                             _LIVING.sub(r"what job does \1 have", question))
    question = _FULL_NAME.sub(lambda m: f"what does {m.group(1) or m.group(2)} stand for",
                              question)
    asked = _TAG.sub(" ", _FORMAT.sub(" ", _EXCLUDED.sub(" ", _NAMING.sub(" ", question))))
    asked = _EXAMPLES.sub(" ", asked)
    asked = _WHICH_DOCUMENT.sub(" ", _ACCORDING.sub(" ", asked))
    asked = _PURPOSE.sub("why", _WORDING.sub(r"how did \1 describe", asked))
    asked = _WHOSE_JOB.sub("who should", asked)
    asked = _PURPOSE_TAIL.sub(r"why \1", asked)
    asked = _MANNER.sub("how to", asked)
    asked = _SIDE.sub(r"\1", _BRING_UP.sub("mention", asked))
    asked = _IN_THE_EVENT.sub("if", _NOW.sub("now", _IN_WORDS.sub(" ", asked)))
    asked = _WHICH_ONE.sub(r"\1", asked)
    asked = _ROUTINE.sub(" ", _WHERE_FIND.sub(r"\1 is", _PERMITTED.sub("can", asked)))
    if len(asked.split()) >= _RIGHT_TAG_WORDS:
        asked = _RIGHT_TAG.sub(" ", asked)
    return asked
