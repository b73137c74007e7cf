"""Search internals that decide answers: conservative typo fixes, synonyms, numbers, coverage."""

from __future__ import annotations

from bot.matching import text as tx
from bot.matching.answer_type import Expect, expected, question_word


def test_typos_are_fixed_but_real_words_are_not(router) -> None:
    index = router.index
    assert index.correct("fabricatore") == "fabbricatore"
    assert index.correct("emergancy") == "emergency"
    assert index.correct("teh") == "the"
    assert index.correct("weather") is None      # a real word the pack lacks stays unknown
    assert index.correct("daca") is None         # short words: only swapped letters are fixed
    assert index.correct("isue") == "issue"       # ... and a doubled letter typed once
    assert index.correct("stil") == "still"
    assert index.correct("son") is None          # a real word still stays unknown
    assert index.correct("real") is None


def test_the_packs_synonyms_and_plurals_meet_on_one_term(router) -> None:
    terms = router.index.vocabulary.terms
    assert terms("IDs") == terms("identification") == terms("card")
    assert terms("photos") == terms("Photograph") == terms("picture")
    assert terms("fy23") == terms("fiscal year 2023")
    assert terms("REAL ID") == ["realid"]


def test_without_a_lexicon_only_general_english_is_folded() -> None:
    plain = tx.Vocabulary()
    assert plain.terms("IDs") != plain.terms("card") and plain.terms("REAL ID") == ["real", "id"]
    assert plain.terms("info thru") == plain.terms("information through")


def test_several_typed_words_can_stand_for_the_packs_words() -> None:
    from bot.pack.model import Lexicon
    vocabulary = tx.Vocabulary(Lexicon(synonyms={"the mets": "new york mets", "v2": "version"}))
    assert vocabulary.terms("Did THE METS win?") == vocabulary.terms("did new york mets win")
    assert vocabulary.terms("the metsville fair") == ["metsvill", "fair"]   # whole words only
    assert vocabulary.terms("is v2 out") == vocabulary.terms("is version out")


def test_a_several_word_synonym_reads_every_regular_form_of_its_words() -> None:
    """A curator lists "hand out" once; "hands out", "handed out" and "handing out" are the
    same words typed, as single-word synonyms already match through their stems."""
    from bot.pack.model import Lexicon
    vocabulary = tx.Vocabulary(Lexicon(synonyms={"hand out": "issue", "move forward": "progress",
                                                 "carry over": "apply"},
                                       phrases=("bus pass",)))
    for typed in ("hands out", "handed out", "handing out", "hand out"):
        assert vocabulary.terms(f"who {typed} the cards") == vocabulary.terms("who issue the cards")
    assert vocabulary.terms("is it moving forward") == vocabulary.terms("is it progress")
    assert vocabulary.terms("does it carries over") == vocabulary.terms("does it apply")
    assert vocabulary.words("two bus passes") == ["two", "buspass"]
    assert vocabulary.words("a bus-pass holder") == ["a", "buspass", "holder"]
    assert vocabulary.terms("a handsome outfit") == ["handsom", "outfit"]   # whole words only


def test_a_synonyms_plural_and_a_dotted_phrase_read_as_listed() -> None:
    """A curator lists "pr: pull request"; "prs" is its plural though no stemmer says so. A
    phrase "node js foundation" is typed "Node.js Foundation" as often as not."""
    from bot.pack.model import Lexicon
    vocabulary = tx.Vocabulary(Lexicon(synonyms={"pr": "pull request"},
                                       phrases=("node js foundation", "real.id")))
    assert vocabulary.terms("two prs") == vocabulary.terms("two pull requests")
    assert vocabulary.words("the Node.js Foundation") == ["the", "nodejsfoundation"]
    assert vocabulary.words("a REAL ID card") == ["a", "realid", "card"]
    assert "pull" not in vocabulary.terms("pros and cons of his prose")


def test_whats_is_what_is_so_a_curated_question_typed_either_way_matches_word_for_word() -> None:
    plain = tx.Vocabulary()
    assert plain.key(plain.words("what's a dpkg trigger")) == plain.key(
        plain.words("what is a dpkg trigger"))
    assert plain.words("the card's photo") == ["the", "card", "photo"]     # a possessive stays


def test_a_version_with_letters_after_its_number_is_one_word() -> None:
    """"6.7p1-4" names upload 4 of version 6.7p1; read as "6.7p", "1" and "4" its "1" would
    match every "-1" and "step 1" in a pack."""
    assert tx.Vocabulary().words("after the 6.7p1-4 upload, 2.0rc2 and 3.5mb") == [
        "after", "the", "6.7p1", "4", "upload", "2.0rc2", "and", "3.5mb"]


def test_technical_chat_shorthand_reads_as_the_words_a_text_uses() -> None:
    plain = tx.Vocabulary()
    assert plain.terms("sigs with weird chars") == plain.terms("signatures with weird characters")
    assert plain.terms("a 14 char name") == plain.terms("a 14 chars name")
    assert plain.terms("what happened to the flag") == plain.terms("the flag")
    assert plain.terms("auto renewal") == plain.terms("automatic renewal")
    assert plain.terms("where it goes") == plain.terms("where it go")   # not the stem "goe"
    assert plain.terms("infra got oom'd") == plain.terms("infrastructure got out of memory")
    assert plain.terms("what args do admins pass") == plain.terms(
        "what arguments do administrators pass")
    assert plain.words("wtf is an embargo, afaik") == plain.words("what is an embargo,")
    assert plain.terms("more output to debug smth") == plain.terms("more output to debug")
    assert plain.words("how shud apt treat it") == plain.words("how should apt treat it")
    # a figure and its unit run together, as chat writes them
    assert plain.words("within 72h or 1.5hrs, not 3wks or 5days") == [
        "within", "72", "hours", "or", "1.5", "hours", "not", "3", "weeks", "or", "5", "days"]
    assert plain.words("a 2nd 4g x86 mp3 0day") == ["a", "2nd", "4g", "x86", "mp3", "0day"]


def test_invisible_characters_and_width_are_folded() -> None:
    assert tx.Vocabulary().words("w\u200bho ｇets") == ["who", "gets"]


def test_numbers_must_match(router) -> None:
    query = router.index.analyse("crossings in fiscal year 2022")
    top = router.index.search(query)[0]
    assert top.snippet.id == "context-border-crossings"
    assert not top.has_all(query.numbers)


def test_unknown_rare_words_weigh_more_than_everyday_ones(router) -> None:
    laredo = router.index.analyse("laredo mayor")
    job = router.index.analyse("hauman job")
    assert laredo.weights[0] > job.weights[1]


def test_a_plural_or_past_tense_of_an_everyday_word_is_everyday() -> None:
    """"Gotchas" is rare in the word list only because "gotcha" is written so: it names
    nothing, so it weighs little rather than vetoing; a surname still vetoes."""
    from bot.matching.english import is_common_word

    assert is_common_word("gotchas") and is_common_word("nitpicked") is is_common_word("nitpick")
    assert not is_common_word("mayorkas") and not is_common_word("taers")
    index = _index("The converter may corrupt its output silently.")
    query = index.analyse("any gotchas with the converter")
    assert "gotchas" in query.unknown and "gotchas" not in query.named


def test_a_slip_in_an_everyday_word_names_nothing() -> None:
    """"Cachng" is "caching" with a letter left out: the pack never says either, and a typing
    slip must not veto the answer as an unknown name would. A surname a letter away from a
    word, or capitalised mid-sentence, still names someone."""
    from bot.matching.english import is_common_typo

    assert is_common_typo("cachng") and is_common_typo("contaner") and is_common_typo("weirdd")
    assert not is_common_typo("hauman") and not is_common_typo("biden")
    index = _index("The converter may corrupt its output silently.")
    slipped = index.analyse("does the converter work in a contaner")
    assert "contaner" in slipped.unknown and "contaner" not in slipped.named
    named = index.analyse("does the converter work for Biden")
    assert "biden" in named.named


def test_answer_types() -> None:
    assert expected(tx.Vocabulary().words("When did it end?")) is Expect.TIME
    assert expected(tx.Vocabulary().words("When will it end?")) is Expect.FUTURE
    assert expected(tx.Vocabulary().words("when is the plan going to start")) is Expect.FUTURE
    assert expected(tx.Vocabulary().words("how many crossings")) is Expect.QUANTITY
    assert expected(tx.Vocabulary().words("what is it")) is Expect.ANYTHING
    assert question_word(tx.Vocabulary().words("and whose voices?")) == "who"
    assert question_word(tx.Vocabulary().words("leaked images")) is None


def test_search_on_empty_index_returns_nothing() -> None:
    from bot.matching.search import Index

    index = Index([])
    assert index.search(index.analyse("anything")) == []


def test_a_web_address_is_read_for_its_names_not_its_domain() -> None:
    """The "org" of "apache.org" is no "organization" (chat shorthand), and "www", "https" and
    the top-level domain are no words of the text; the names and a version number are."""
    vocabulary = tx.Vocabulary()
    assert vocabulary.words("at http://www.apache.org/licenses/LICENSE-2.0 now") == [
        "at", "apache", "licenses", "license", "2.0", "now"]
    assert vocabulary.words("see gnu.org/licenses, then") == ["see", "gnu", "licenses", "then"]
    assert vocabulary.words("my org") == ["my", "organization"]


def test_a_noun_in_ification_meets_its_verb() -> None:
    """"Can I modify it" in a text that says "with or without modification": the stemmer
    leaves "modif" and "modifi" apart, and the refusal would say the text lacks "modify"."""
    assert tx.stem("modification") == tx.stem("modify") == tx.stem("modified")
    assert tx.stem("notifications") == tx.stem("notify")
    index = _index("Redistribution, with or without modification, is permitted.")
    assert index.analyse("can I modify the code").unknown == ("code",)


def test_the_stemmer_does_not_turn_one_word_into_another() -> None:
    """"Work authorization" is nothing an article's author wrote; "department" is no "depart"."""
    assert tx.stem("authorization") == tx.stem("authorized") != tx.stem("author")
    assert tx.stem("department") != tx.stem("depart")
    assert tx.stem("authors") == tx.stem("author")
    # and a noun is not kept apart from its verb: a "submission" is what is "submitted"
    vocabulary = tx.Vocabulary()
    assert vocabulary.fold("submission") == vocabulary.fold("submitted")
    assert vocabulary.fold("permissions") == vocabulary.fold("permitted")
    assert vocabulary.fold("detention") == vocabulary.fold("detained")
    assert vocabulary.fold("presidential") == vocabulary.fold("president")


def test_words_that_frame_a_question_are_no_topic() -> None:
    """"What category of people", "which cities were mentioned", "re the cards": the frame of
    the question, in any subject."""
    vocabulary = tx.Vocabulary()
    typed = vocabulary.words("what category of people were mentioned re the plan")
    assert [w for w in typed if w not in vocabulary.fillers] == ["people", "plan"]
    # and "how do they justify it" asks for the reasons a text gives as its rationale
    assert _index("The rationale is cost.").analyse("how do they justify the plan").unknown == (
        "plan",)


def _index(*texts: str, lexicon=None):
    from bot.matching.search import Index
    from bot.pack.model import Evidence, Kind, Snippet

    return Index([Snippet(f"s{i}", text, (), text, Kind.FACT, (Evidence("src", text),))
                  for i, text in enumerate(texts)], tx.Vocabulary(lexicon))


def test_a_word_the_lexicon_lists_is_never_taken_for_a_typo() -> None:
    """"lto" is a swap away from "lot", a filler: read as that, it would vanish from the
    question. A curator who lists it (as a word that is no filler, or a synonym) has said what
    it is, so it stays itself."""
    from bot.pack.model import Lexicon

    text = "Link-time optimisation needs the plugin. We need a lot of memory for it."
    assert "lto" not in _index(text).analyse("does lto need a plugin").terms
    listed = _index(text, lexicon=Lexicon(not_fillers=("lto",))).analyse("does lto need a plugin")
    assert "lto" in listed.terms and "lto" in listed.named


def test_a_phrase_naming_another_thing_is_never_a_snippets_word() -> None:
    """The pack says "release notes" names something it does not hold; a web address in a
    quote that runs the words together ("/ReleaseNotes/") does not make the pack hold it."""
    from bot.pack.model import Lexicon

    index = _index("Pin the CPU, see https://example.com/ReleaseNotes/pin for how.",
                   lexicon=Lexicon(phrases=("release notes",)))
    query = index.analyse("where are the release notes")
    assert query.named == ("releasenotes",)


def test_a_word_the_pack_never_uses_is_read_as_its_kin_the_pack_does() -> None:
    """"Tweak" in a text that says "modify" is read as "modify"; so is "turned it off" in one
    that says "disable". A pack that uses the word itself keeps it, and a word with no kin in
    the pack stays unknown."""
    index = _index("You may modify the program.", "The option is disabled by default.")
    query = index.analyse("can i tweak the program")
    assert ("tweak", "modify") in query.corrections and "tweak" not in query.unknown
    assert index.search(query)[0].coverage == 1.0
    # it may now match, but weighs no more than it did as an unknown everyday word
    from bot.matching.query import COMMON_UNKNOWN

    weight = dict(zip(query.terms, query.weights))
    assert weight[tx.stem("modify")] <= index.unknown_weight * COMMON_UNKNOWN
    assert query.kin == frozenset({tx.stem("modify")})   # too loose alone for "Did you mean"
    assert ("turned", "disable") in index.analyse("who turned it off").corrections
    assert ("move", "progress") in _index("As cases progress, the card is renewed.").analyse(
        "what happens as cases move along").corrections
    assert index.analyse("can i delete the program").unknown == ("delete",)
    said = _index("Councillors support the plan.", "She spoke to the press.")
    assert ("defends", "support") in said.analyse("who defends the plan").corrections
    assert ("talk", "speak") in said.analyse("did she talk to the press").corrections
    assert ("candidate", "nominee") in _index("Each nominee is reviewed.").analyse(
        "is every candidate reviewed").corrections
    # the event a "when" question ends on may be read through its kin too
    built = _index("Construction will start in May.", "The council met in April.")
    assert built.analyse("when will construction launch").event == (tx.stem("start"),)
    own = _index("You may modify the program.", "Users tweak it anyway.")
    assert own.analyse("can i tweak the program").corrections == ()
    # a text that says "turn off" has its verb found by "disable"
    spoken = _index("Turning off the option is safe.")
    assert spoken.analyse("should i disable the option").corrections == (("disable", "turn"),)


def test_each_kindred_word_belongs_to_one_group_and_is_no_filler() -> None:
    from bot.matching.lexicon import KINDRED, STOPWORDS

    seen: dict[str, tuple[str, ...]] = {}
    for group in KINDRED:
        assert len(group) > 1, group
        for word in group:
            verb, _, particle = word.partition("_")
            key = tx.stem(verb) + (" " + particle if particle else "")
            assert seen.setdefault(key, group) == group, (word, seen[key])
            assert particle or word not in STOPWORDS, word


def test_whose_account_a_question_asks_for_is_not_what_it_asks_about() -> None:
    """"..., according to the Daily Planet piece": every answer names its sources, so the
    outlet's words do not dilute what is asked; "what goes in the nomination post" keeps its
    post."""
    index = _index("The budget is ten million.", "The Daily Planet is a newspaper.")
    asked = index.analyse("what is the budget according to the Daily Planet piece?")
    assert "planet" not in asked.terms and "budget" in asked.terms
    assert "post" in index.analyse("what goes in the nomination post").terms


def test_when_will_needs_a_time_still_to_come() -> None:
    """"When will the rollout happen" is not answered by the dates of what already happened."""
    from bot.matching.answer_type import provides

    built = _index("The council approved the rollout on May 5, 2024.",
                   "The rollout will begin in 2026, the council said.")
    past, future = built.snippets
    assert provides(past, Expect.TIME) and not provides(past, Expect.FUTURE)
    assert provides(future, Expect.FUTURE)


def test_the_day_of_a_date_counts_nothing() -> None:
    """"How many images leaked" is not answered by "on September 21, 2023, images leaked"."""
    from bot.matching.answer_type import provides

    vocabulary = tx.Vocabulary()
    built = _index("A report dated September 21, 2023 says images leaked.",
                   "A report says 21 images leaked.")
    dated, counted = built.snippets
    images = frozenset(vocabulary.fold("images"))
    assert not provides(dated, Expect.QUANTITY, images, vocabulary)
    assert not provides(dated, Expect.QUANTITY)
    assert provides(counted, Expect.QUANTITY, images, vocabulary)


def test_who_designed_it_needs_someone_named() -> None:
    """"Who designed the cipher" is not answered by "per its designers, the cipher was
    replaced": no one is named there, and the cipher's own capitalised name is the question's."""
    from bot.matching.answer_type import provides

    words = tx.Vocabulary().words("who designed Streamlined Prime")
    assert expected(words) is Expect.NAME
    assert expected(tx.Vocabulary().words("who gets the card")) is Expect.ANYTHING
    # ...as does who added or fixed something: a release note that lists the change names no one
    assert expected(tx.Vocabulary().words("who added --rsyncable")) is Expect.NAME
    assert expected(tx.Vocabulary().words("who fixed the zfs bug")) is Expect.NAME
    built = _index("Per its designers, Streamlined Prime was superseded by a newer method.",
                   "Streamlined Prime was designed by Dana Reyes in 2017.")
    unnamed, named = built.snippets
    asked = frozenset(words)
    assert not provides(unnamed, Expect.NAME, asked)
    assert provides(named, Expect.NAME, asked)
    # a speaker described, not named, names no one: "the file's author" wrote no byline
    import dataclasses

    from bot.pack.model import Speaker
    described = dataclasses.replace(unnamed, speaker=Speaker("The COMPAT file's author"))
    assert not provides(described, Expect.NAME, asked)
    assert provides(dataclasses.replace(unnamed, speaker=Speaker("Dana Reyes")), Expect.NAME,
                    asked)


def test_a_release_number_is_one_number_and_counts_nothing() -> None:
    """"Git v2.39" is release 2.39, not a "v2" and a "39"; and "the 2.39 release" is no
    answer to "how much faster is it"."""
    from bot.matching.answer_type import provides

    vocabulary = tx.Vocabulary()
    assert vocabulary.words("in the Git v2.39 release, not GPLv2") == [
        "in", "the", "git", "2.39", "release", "not", "gplv2"]
    built = _index("In the Git v2.39 release, grep got faster.", "Grep got 2.5 times faster.")
    release, figure = built.snippets
    faster = frozenset(vocabulary.fold("faster"))
    assert not provides(release, Expect.QUANTITY, faster, vocabulary)
    assert provides(figure, Expect.QUANTITY, faster, vocabulary)


def test_a_synonym_written_with_a_hyphen_finds_the_text_that_writes_it() -> None:
    """A lexicon's "ro: read-only" reads "ro" as the text's words "read" and "only", split as
    the text is; kept whole, "read-only" was a word no snippet held, and it vetoed."""
    from bot.pack.model import Lexicon

    index = _index("Mount the disk read-only before the upgrade.",
                   lexicon=Lexicon(synonyms={"ro": "read-only", "pq": "post-quantum"}))
    query = index.analyse("mount it ro?")
    assert not query.named and all(term in index.idf for term in query.terms)
    assert "pq" in index.analyse("pq upgrade").named   # a word the text lacks still vetoes


def test_a_whole_year_is_a_length_and_a_lone_capitalised_word_no_name() -> None:
    """"How long was she there" is answered by "a whole year"; "who wrote the patch" is not by
    "Added in the Git v2.39 release", whose one capitalised word is the subject's own name."""
    from bot.matching.answer_type import provides

    built = _index("She spent a whole year at the centre.",
                   "Added in the Git v2.39 release: the patch stops early.")
    year, release = built.snippets
    assert provides(year, Expect.LENGTH)
    who = tx.Vocabulary().words("who wrote the patch")
    assert expected(who) is Expect.NAME and not provides(release, Expect.NAME, frozenset(who))


def test_chat_hedges_and_placeholders_name_nothing() -> None:
    """"iirc" and an example command's "foo" are no words of what is asked."""
    assert tx.Vocabulary().words("clone --origin foo works now iirc?") == [
        "clone", "origin", "works", "now"]


def test_a_typed_number_is_never_fixed_into_another() -> None:
    """"fy2024" is no typo of the text's "fy2022"; "lgpl3" may still be "lgpl"."""
    index = _index("Crossings fell in fy2022.", "The lgpl applies.")
    assert index.correct("fy2024") is None
    assert index.correct("lgpl3") == "lgpl"


def test_how_much_it_costs_is_answered_by_a_sum_anywhere() -> None:
    """"How much does it cost": "$14.2 million" answers it wherever the sentence puts it."""
    from bot.matching.answer_type import provides

    vocabulary = tx.Vocabulary()
    built = _index("The rebuild of the bridge, approved on Monday, comes to $14.2 million.",
                   "The rebuild of the bridge was approved by 5 votes.")
    priced, voted = built.snippets
    query = built.analyse("how much does the rebuild cost")
    assert query.expect is Expect.QUANTITY
    assert provides(priced, Expect.QUANTITY, query.counts, vocabulary)
    assert not provides(voted, Expect.QUANTITY, query.counts, vocabulary)


def test_everyday_chat_words_and_light_verbs_ask_nothing_of_the_text() -> None:
    """"What are people saying", "what has it done so far", "where does the shuttle go",
    "Harlow St": none of these words names a topic the text must hold."""
    index = _index("The shuttle runs from the park-and-ride to Harlow Street every hour.")
    for asked in ("what are they saying about the shuttle", "what has the shuttle done so far",
                  "where does the shuttle go", "does the shuttle run to harlow st"):
        query = index.analyse(asked)
        assert not query.named and not query.event, asked


def test_general_english_synonyms_reach_only_the_forms_they_list() -> None:
    # "permission" is "permit"; "permissive", which stems alike, is another word (a gap "is it
    # permissive" was asked by "what am I allowed to do", read as "permit")
    from bot.matching.text import Vocabulary

    vocabulary = Vocabulary()
    assert vocabulary.fold("permission") == vocabulary.fold("permissions") == ("permit",)
    assert vocabulary.fold("permissive") != ("permit",)
