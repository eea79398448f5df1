"""Attribution and reported speech in the constructions of real news, each on sentences
we wrote ourselves (none is taken from an evaluation set)."""

from __future__ import annotations

import pytest

from stenogram.parse.quotes import Quote, extract_quotes


def _direct(text: str) -> list[Quote]:
    return [q for q in extract_quotes(text) if q.kind != "indirect"]


def _indirect(text: str) -> list[Quote]:
    return [q for q in extract_quotes(text) if q.kind == "indirect"]


def _span_ok(text: str, q: Quote) -> None:
    for a, b in q.parts:
        assert 0 <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # inverted order, the surname resolved to the full name introduced before
        ('Irina Volkova returned to the squad.\n"It is good to be home," said Volkova.\n', "Irina Volkova"),
        # present tense
        ('Oleg Markin runs the shelter.\n"We need more volunteers," says Markin.\n', "Oleg Markin"),
        # a title before the name, a speech verb with an object
        ('"We have nothing to add," Kremlin spokesman Dmitry Peskov told reporters.\n', "Dmitry Peskov"),
        # an apposition with commas inside, and a tail after the verb
        (
            '"The market will recover," Anna Petrova, director of research at the Bank of Tver, '
            "Russia, said in an e-mail.\n",
            "Anna Petrova",
        ),
        # "X said of Y"
        (
            'Sergei Lavrov praised the envoy.\n"He is ready for the job," Lavrov said of the diplomat.\n',
            "Sergei Lavrov",
        ),
        # inverted, with lowercase title words between the verb and the name
        ('"We played badly," said Lokomotiv head coach Ivan Dubov.\n', "Ivan Dubov"),
        # a possessive before the name is not the speaker
        ('"That was our best game," Moscow\'s Pavel Orlov said.\n', "Pavel Orlov"),
        # a description first, the name in apposition
        ('"Prices will rise," the head of the grain union, Elena Sokolova, said.\n', "Elena Sokolova"),
        # a cue that is a sentence of its own after the quotation's full stop
        ('Teodor Halvik spoke after the talks.\n"The bridge will open in May." Halvik said.\n', "Teodor Halvik"),
        # a colon after the subject's sentence
        ('Mayor Olga Smirnova, who chairs the council, was blunt: "We cannot pay for this."\n', "Olga Smirnova"),
    ],
)
def test_speaker_of_a_direct_quotation(text: str, person: str) -> None:
    (q,) = _direct(text)
    assert q.person == person and q.speaker_type == "person"
    _span_ok(text, q)


def test_pronouns_follow_gender_and_the_latest_speaker() -> None:
    text = (
        "Mayor Olga Smirnova met Governor Pavel Orlov on Monday.\n"
        '"The road must be finished this year," Orlov said.\n'
        '"We agree, but the money is not there," she said.\n'
        '"Then we will find it," he said.\n'
    )
    assert [q.person for q in _direct(text)] == ["Pavel Orlov", "Olga Smirnova", "Pavel Orlov"]


def test_roles_resolve_to_the_person_introduced_with_them() -> None:
    text = (
        "Finance Minister Anton Belov and Mayor Olga Smirnova opened the plant.\n"
        '"Taxes will not rise," the minister said.\n'
        '"The city is grateful," the mayor said.\n'
    )
    assert [q.person for q in _direct(text)] == ["Anton Belov", "Olga Smirnova"]


def test_a_quotation_without_cue_continues_the_speaker_before() -> None:
    text = (
        '"We will rebuild the school," Anna Petrova said.\n'
        '"The children deserve it, and the parents have waited long enough."\n'
        "The district has three schools.\n"
    )
    first, second = _direct(text)
    assert (first.person, second.person) == ("Anna Petrova", "Anna Petrova")
    assert second.cue is None and second.confidence < first.confidence


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The plan is dead," officials said.\n', "officials"),
        ('"The workers are tired," a union representative said.\n', "a union representative"),
        ('"Will you run again?" a journalist asked.\n', "a journalist"),
        ('"We are not afraid," several residents told the radio station.\n', "several residents"),
    ],
)
def test_unnamed_speakers_name_no_one(text: str, speaker: str) -> None:
    (q,) = _direct(text)
    assert (q.speaker, q.person, q.speaker_type) == (speaker, None, "unnamed")


def test_an_organisation_a_description_of_it_and_it() -> None:
    text = (
        "Shares of VTB Bank rose on Friday.\n"
        '"Demand for credit stays strong," the bank said in a statement.\n'
        '"Rates will follow," it said.\n'
    )
    assert [(q.person, q.speaker_type) for q in _direct(text)] == [("VTB Bank", "organisation")] * 2


def test_reported_speech_is_the_clause_after_the_verb() -> None:
    text = (
        "Anna Petrova said that the plant would reopen in May. "
        "Pavel Orlov told reporters the talks had failed, and added he would resign.\n"
        "The budget is too small, Petrova said.\n"
    )
    found = _indirect(text)
    assert [(q.text, q.person) for q in found] == [
        ("the plant would reopen in May", "Anna Petrova"),
        ("the talks had failed", "Pavel Orlov"),
        ("he would resign", "Pavel Orlov"),
        ("The budget is too small", "Anna Petrova"),
    ]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_verbs_that_report_no_statement() -> None:
    text = (
        "Pavel Orlov declined to say whether he would run. The tax was announced in May. "
        "Orlov added a second goal late in the game. Sources close to the team won't say who will play.\n"
    )
    assert _indirect(text) == []


def test_according_to_both_ways() -> None:
    text = (
        "Anna Petrova met the council.\n"
        "According to Petrova, the budget is balanced. The plant will close, according to the ministry.\n"
    )
    first, second = _indirect(text)
    assert (first.text, first.person) == ("the budget is balanced", "Anna Petrova")
    assert (second.text, second.speaker) == ("The plant will close", "the ministry")


def test_words_quoted_inside_reported_speech() -> None:
    text = 'Pavel Orlov said the talks were "useful" and that both sides would "keep working on the text."\n'
    (reported,) = _indirect(text)
    inside = [text[a:b] for a, b in reported.quoted]
    assert inside == ["useful", "keep working on the text."]
    # words that close the clause are the speaker's own: a quotation of their own too
    assert [q.text for q in _direct(text)] == ["keep working on the text."]
    assert _direct(text)[0].kind == "partial" and _direct(text)[0].person == "Pavel Orlov"


@pytest.mark.parametrize(
    "text",
    [
        "The film “Attack of the Clones” opened on Friday.\n",
        "READ MORE: ‘Nothing left for us here,’ residents of the valley say\n",
        "The app, called “Screen Meter”, was withdrawn.\n",
        "– With files from the Associated Press and Anna Petrova\n",
        "Sales of the “Moscow. Kremlin. Putin” programme grew.\n",
    ],
)
def test_titles_links_and_bylines_are_not_quotations(text: str) -> None:
    assert _direct(text) == []


def test_a_heading_names_the_speaker_of_quotations_under_it() -> None:
    text = (
        "Dmitry Peskov spoke to journalists on Tuesday.\n"
        "Peskov on the talks\n"
        '"Contacts continue at the level of experts."\n'
        '"There is no date for a meeting yet."\n'
    )
    assert [q.person for q in _direct(text)] == ["Dmitry Peskov", "Dmitry Peskov"]


def test_interview_turns_are_direct_quotations() -> None:
    text = (
        "Vladimir Putin answered questions from the channel.\n"
        "Question: Will the prices of petrol rise this year?\n"
        "Vladimir Putin: They will not, the government has agreed this with the companies.\n"
    )
    question, answer = _direct(text)
    assert (question.speaker_type, question.person) == ("unnamed", None)
    assert answer.person == "Vladimir Putin" and answer.text.startswith("They will not")


def test_a_quotation_that_ends_the_text_keeps_its_last_character() -> None:
    text = 'Anna Petrova spoke.\n"We are ready," Petrova said. "Nothing has changed since May'
    last = _direct(text)[-1]
    assert last.text == "Nothing has changed since May" and text.endswith(text[last.start : last.end])


def test_a_title_shared_by_two_people_goes_to_the_one_it_describes() -> None:
    text = (
        "Russian President Vladimir Putin met Finnish President Sauli Niinisto in Moscow.\n"
        "The Russian leader said the talks had been useful.\n"
        '"We will meet again in the autumn," the Finnish president said.\n'
    )
    reported = _indirect(text)[0]
    assert reported.person == "Vladimir Putin"
    assert _direct(text)[0].person == "Sauli Niinisto"


def test_an_acronym_names_the_organisation_written_out_before_it() -> None:
    text = (
        "Leaders of the Collective Security Treaty Organization (CSTO) met in Minsk.\n"
        '"The alliance is stronger than ever," the CSTO said in a statement.\n'
    )
    (q,) = _direct(text)
    assert (q.person, q.speaker_type) == ("Collective Security Treaty Organization", "organisation")


def test_quoted_by_an_agency_as_saying() -> None:
    text = (
        "Dmitry Peskov spoke to reporters.\nPeskov was quoted by TASS as saying that the leaders could meet in May.\n"
    )
    (q,) = _indirect(text)
    assert (q.text, q.person) == ("the leaders could meet in May", "Dmitry Peskov")


def test_bullets_and_a_headline_are_the_writers_words() -> None:
    text = (
        "Putin says Russia is ready for talks\n"
        "Vladimir Putin spoke at the forum on Friday.\n"
        "- Putin said Russia was ready for talks\n"
    )
    assert _direct(text) == []
    assert [(q.text, q.person) for q in _indirect(text)] == [("Russia was ready for talks", "Vladimir Putin")]


def test_a_pull_quote_names_its_speaker_after_the_words() -> None:
    text = "Winter came early.\nWe have never seen so much snow in November. Anna Petrova, Arctic Institute\n"
    (q,) = _direct(text)
    assert (q.text, q.person) == ("We have never seen so much snow in November.", "Anna Petrova")


def test_a_heading_that_names_no_one_does_not_break_a_continuation() -> None:
    text = (
        '"The clinic will open in May," Anna Petrova said.\n'
        "Story continues below advertisement\n"
        '"We have hired twelve nurses and two doctors for it."\n'
    )
    assert [q.person for q in _direct(text)] == ["Anna Petrova", "Anna Petrova"]


def test_a_country_in_a_title_is_not_part_of_the_name() -> None:
    text = 'President of Norvania Teodor Halvik arrived in Moscow.\n"We came to build a bridge," he said.\n'
    (q,) = _direct(text)
    assert q.person == "Teodor Halvik"


def test_short_quoted_terms_need_their_cue_close_by() -> None:
    text = (
        "Anna Petrova runs the fund.\n"
        "Petrova reported that the fund had received $300 million in “risk payments” last year.\n"
        "Petrova called the deal a “lifeline” for the region.\n"
    )
    quoted = [q.text for q in _direct(text)]
    assert quoted == ["lifeline"]


def test_words_quoted_from_a_document_have_no_speaker() -> None:
    text = "The pact is a framework that “reaffirms the right of states to set their own rules.”\n"
    assert _direct(text) == []


def test_quotations_listed_together_share_their_status() -> None:
    text = (
        "Anna Petrova posted a video.\n"
        "Her team wrote two lines under it: “The coach is really sick” and “We need to find a donor for him.”\n"
    )
    assert [q.kind for q in _direct(text)] == ["direct", "direct"]


def test_the_subject_after_an_opening_phrase_says_the_quoted_words() -> None:
    text = "Within hundreds of pages of e-mails, officials discussed what would “support the case for the family.”\n"
    (q,) = _direct(text)
    assert (q.kind, q.speaker, q.speaker_type) == ("partial", "officials", "unnamed")


def test_according_to_after_a_quotation() -> None:
    text = (
        '"We do not have a working system for addiction care," according to Dr. Anna Petrova, a family doctor.\n'
        "The plan calls for “safeguards to ensure the independence of the editors,” according to the memo.\n"
    )
    (q,) = _direct(text)  # the memo's words are a document's, not a quotation of anyone
    assert (q.person, q.cue) == ("Anna Petrova", "according to Dr. Anna Petrova")


def test_opening_attributions() -> None:
    text = (
        "Vladimir Putin met the governors.\n"
        "In his words, the regions need more money. In the President's view, salaries must grow. "
        "As Putin put it, nobody will be left behind. In the opinion of the Head of State, the plan works.\n"
    )
    assert [(q.text, q.person) for q in _indirect(text)] == [
        ("the regions need more money", "Vladimir Putin"),
        ("salaries must grow", "Vladimir Putin"),
        ("nobody will be left behind", "Vladimir Putin"),
        ("the plan works", "Vladimir Putin"),
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # the publisher named after the document's noun
        (
            "Small shops hire the most young people, according to a survey released on Monday by "
            "the Lake Trade Council.",
            "Lake Trade Council",
        ),
        (
            "According to the latest figures from the Regional Statistics Office, exports fell.",
            "Regional Statistics Office",
        ),
        (
            '"Ice is the hardest test," says a booklet titled Winter: A Guide on the North Line Company\'s website.',
            "North Line Company",
        ),
        # "a Kremlin statement": the owner named inside the phrase
        ("The talks were useful, according to a Kremlin statement.", "Kremlin"),
    ],
)
def test_a_document_speaks_for_whoever_published_it(text: str, person: str) -> None:
    (q,) = extract_quotes(text)
    assert q.person == person


def test_the_report_later_refers_back_to_the_document_with_an_author() -> None:
    text = (
        "A study by the Harbour Institute looked at ferry delays.\n"
        "Delays doubled in winter, the study found.\n"
        "Crews are too small, said the ferry report.\n"
    )
    reported = _indirect(text)
    assert [q.text for q in reported][-1] == "Crews are too small"
    assert reported[-1].person == "Harbour Institute"


def test_a_document_with_no_author_is_no_one() -> None:
    text = "Nina Orlova leads the team. The budget is too small, said the report.\n"
    (q,) = _indirect(text)
    assert q.text == "The budget is too small"
    assert q.person is None


def test_a_plural_description_is_never_one_person_named_before() -> None:
    text = "Ivan Sorokin coached the team for years. The players said the season was hard.\n"
    (q,) = _indirect(text)
    assert q.text == "the season was hard"
    assert q.person is None


def test_a_clause_before_the_verb_is_not_an_apposition() -> None:
    text = "Kira Ivanova runs the depot. Buses are slower when it is icy, said a depot spokeswoman.\n"
    (q,) = _indirect(text)
    assert q.text == "Buses are slower when it is icy"
    assert q.speaker == "a depot spokeswoman"
    assert q.person is None


def test_said_then_a_clause_with_a_title_noun_is_not_an_inverted_cue() -> None:
    text = "Party leader Olga Sokol has said the Greens won't field a candidate.\n"
    (q,) = _indirect(text)
    assert q.text == "the Greens won't field a candidate"
    assert q.person == "Olga Sokol"


def test_an_acronym_alone_names_the_organisation_written_out_before_it() -> None:
    text = (
        "The Northern Grain and Fodder Board raised its forecast on Monday.\n"
        'NGFB said that the harvest would be larger than expected.\n"We are confident," NGFB told reporters.\n'
    )
    quotes = extract_quotes(text)
    assert {q.person for q in quotes} == {"Northern Grain and Fodder Board"}
    assert [q.kind for q in quotes] == ["indirect", "direct"]
    assert {q.speaker_type for q in quotes} == {"organisation"} and {q.speaker for q in quotes} == {"NGFB"}
    # an acronym no name spells stays as it is written
    (alone,) = extract_quotes('"Talks will go on," OSCE said.\n')
    assert alone.person == "OSCE"
    # nor does a later name count: the acronym must be written out before it is used
    late = extract_quotes('"We will appeal," the TCA said.\nThe Tver Cyclists Association was fined.\n')
    assert late[0].person == "TCA"


def test_a_quotation_without_cue_after_a_sentence_about_someone_else_is_theirs() -> None:
    text = (
        '"The hall is too small," says Irina Volkova. Marta Lind did not argue. '
        '"I would dance in a kitchen if I had to."\n'
    )
    first, second = _direct(text)
    assert (first.person, second.person) == ("Irina Volkova", "Marta Lind")


def test_a_name_ends_at_its_possessive() -> None:
    text = (
        "The theatre shows Oslo choreographer Marta Lind’s Open Rooms this week. Lind did not hesitate. "
        '"It is the piece I am proudest of."\n'
    )
    (q,) = _direct(text)
    assert q.person == "Marta Lind"


def test_the_subject_after_an_opening_clause_is_named_even_when_new() -> None:
    text = (
        "Anna Petrova won the first round.\n"
        "When asked about the final, Dubrovsky did not hesitate.\n"
        '"It is the hardest match of my life," he said.\n'
    )
    (q,) = _direct(text)
    assert q.person == "Dubrovsky"


def test_she_for_someone_makes_a_later_he_someone_else() -> None:
    text = (
        "Alexis Grant won the race. She thanked the crew. Viktor Orlov came second.\n"
        '"The wind was against us," said Grant.\n'
        "Orlov waited for his turn.\n"
        '"Next year is mine," he said.\n'
    )
    assert [q.person for q in _direct(text)] == ["Alexis Grant", "Viktor Orlov"]


def test_a_plural_subject_is_never_he() -> None:
    text = (
        "Viktor Orlov was arrested in May. Investigators have not charged him with fraud. "
        "Investigators say he hid the money abroad.\n"
        '"I never saw that account," he said.\n'
    )
    (q,) = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert q.person == "Viktor Orlov"


def test_the_company_refers_back_to_a_firm_named_by_one_word() -> None:
    text = (
        "Yandex said on Monday that its maps were down for an hour.\n"
        '"Service has been restored," the company said in a statement.\n'
    )
    assert [q.person for q in extract_quotes(text)] == ["Yandex", "Yandex"]


def test_a_name_with_of_after_an_organisation_noun_is_one_organisation() -> None:
    text = (
        "The Central Bank of Norvania raised rates on Tuesday.\n"
        "The central bank statement said that inflation would slow by autumn.\n"
    )
    (q,) = _indirect(text)
    assert q.person == "Central Bank of Norvania"


def test_someone_speaking_for_another_is_unnamed_but_their_words_are_theirs() -> None:
    text = (
        "Olga Smirnova chairs the trade commission.\n"
        '"The deal stands," her office said.\n'
        'Her message was short: "We will not sign."\n'
    )
    first, second = _direct(text)
    assert (first.person, first.speaker) == (None, "her office")
    assert second.person == "Olga Smirnova"


def test_a_description_refers_to_the_subject_of_a_later_clause() -> None:
    text = (
        "Ivan Dubov and Pavel Orlov started for Lokomotiv. Lokomotiv drew level late when Dubov scored from a corner.\n"
        '"It was the best moment of my season," said the young defender.\n'
    )
    (q,) = _direct(text)
    assert q.person == "Ivan Dubov"


def test_a_description_with_an_employer_then_the_name_in_apposition() -> None:
    text = "But the director of regional operations for NRZ, Ivan Dubov, says the trains will run.\n"
    (q,) = _indirect(text)
    assert q.person == "Ivan Dubov"


def test_someone_of_a_named_person_is_not_that_person() -> None:
    # "X's press secretary" speaks for X: without a holder of that title named, no one
    text = (
        "President Ilya Gorin met the governors on Monday.\n"
        '"No date has been set," Gorin\'s press secretary told reporters.\n'
    )
    (q,) = _direct(text)
    assert q.person is None and q.speaker == "Gorin's press secretary"
    # the holder named before is the one meant, never the possessor
    named = (
        "President Ilya Gorin met the governors. Press secretary Pavel Lints spoke later.\n"
        '"No date has been set," Gorin\'s press secretary said.\n'
    )
    assert [q.person for q in _direct(named)] == ["Pavel Lints"]


def test_a_label_that_opens_with_a_preposition_is_a_topic() -> None:
    text = (
        "Minister Olga Serova spoke for an hour on Tuesday.\n\n"
        'On Ukraine: "We have always been open to talks."\n\n'
        "On Energy: Prices will stay where they are until the spring.\n"
    )
    quotes = _direct(text)
    assert quotes and all(q.person in (None, "Olga Serova") for q in quotes)
    assert all(q.speaker not in ("On Ukraine", "On Energy") for q in quotes)


def test_a_heading_naming_one_person_and_their_words_gives_the_speaker() -> None:
    text = (
        "Mayor Lena Brandt opened the bridge. Critics were unmoved.\n\n"
        '"It cost too much," said Tomas Riel, a local engineer.\n\n'
        "What Brandt said\n\n"
        'On the budget: "Every cent was accounted for."\n'
    )
    last = _direct(text)[-1]
    assert last.text.startswith("Every cent") and last.person == "Lena Brandt"
    # a heading with two people names no one in particular
    two = text.replace("What Brandt said", "What Brandt and Riel said")
    assert _direct(two)[-1].person != "Lena Brandt"


def test_a_summary_bullet_closed_by_a_comma_is_reported_not_quoted() -> None:
    text = "The talks ended late.\n\n- The delegations will meet again in June, officials said.\n"
    assert _direct(text) == []
    (q,) = _indirect(text)
    assert q.text == "The delegations will meet again in June" and q.person is None
    _span_ok(text, q)
    # the dash-led speech of a translated report still closes with a dash or a mark
    russian = "- We will meet again in June, - Ilya Gorin said.\n"
    assert [q.person for q in _direct(russian)] == ["Ilya Gorin"]


def test_a_clause_ending_on_quoted_words_keeps_their_closing_mark() -> None:
    text = "Spokeswoman Vera Lind said that the offer was “a step back”.\n"
    (q,) = _indirect(text)
    assert q.text.endswith("“a step back”") and text[q.start : q.end] == q.text
    straight = 'Vera Lind wrote that the offer was "a step back".\n'
    (q,) = _indirect(straight)
    assert q.text.endswith('"a step back"')


def test_a_time_between_subject_and_verb_is_not_part_of_the_speaker() -> None:
    text = "The Harbour Authority on Tuesday said it would close the pier for repairs.\n"
    (q,) = _indirect(text)
    assert q.speaker == "The Harbour Authority" and q.text.startswith("it would close")


def test_a_live_blog_time_is_not_part_of_a_name() -> None:
    text = "LIVE: the mayor's phone-in\n\n14:05 Marta Kell says the new tram line will open in May.\n"
    (q,) = _indirect(text)
    assert q.person == "Marta Kell" and q.text.startswith("the new tram line")


def test_an_honorific_gives_the_gender_of_a_name_met_alone_before() -> None:
    text = (
        "09:10 Orlov says the budget is balanced.\n\n"
        '"We have reserves," Mr Orlov said. A reporter asked about pensions. "Will they rise?" she asked.\n\n'
        '"They will," he said.\n'
    )
    persons = {q.text: q.person for q in _direct(text)}
    assert persons["Will they rise?"] is None  # no woman named: not Mr Orlov
    assert persons["They will"] == "Orlov"


def test_one_or_two_words_after_a_verb_are_its_object_not_a_statement() -> None:
    assert _indirect("Minister Ivan Dorn also warned Western countries.\n") == []
    assert _indirect("Minister Ivan Dorn thanked Anna Riis.\n") == []
    (q,) = _indirect("Minister Ivan Dorn said it would investigate.\n")  # a clause: kept
    assert q.text == "it would investigate" and q.person == "Ivan Dorn"
    (q,) = _indirect("According to Minister Ivan Dorn, exports fell.\n")  # two words, not after the verb
    assert q.text == "exports fell"


def test_an_agency_quoting_someone_as_saying_gives_the_one_quoted() -> None:
    (q,) = _indirect("The agency quoted Deputy Minister Anna Lebed as saying that exports would grow.\n")
    assert q.person == "Anna Lebed" and q.text == "exports would grow"
    (q,) = _indirect("Oleg Serov arrived late. A newspaper quoted him as saying the plan had failed.\n")
    assert q.person == "Oleg Serov" and q.text == "the plan had failed"


def test_a_country_possessive_title_is_that_countrys_holder_and_a_subject() -> None:
    text = (
        "Russian President Ilya Gorin hosted Finnish President Aino Laine on Monday.\n\n"
        '"We will not give up," the Finnish leader told reporters.\n\n'
        "Russia's president was more cautious.\n\n"
        '"Much depends on our partners," he said.\n'
    )
    persons = {q.text: q.person for q in _direct(text)}
    assert persons["We will not give up"] == "Aino Laine"
    assert persons["Much depends on our partners"] == "Ilya Gorin"


def test_words_quoted_after_the_noun_of_a_work_are_a_title() -> None:
    text = 'Ilya Gorin told the programme "Evening with Gorin" that the bridge would open in May.\n'
    assert _direct(text) == [] and all(q.kind == "indirect" for q in extract_quotes(text))
    forum = 'Ilya Gorin spoke at a forum titled "Roads of the North" on Friday.\n'
    assert extract_quotes(forum) == []


def test_a_relative_clause_after_the_cue_is_not_reported_speech() -> None:
    text = '"We will respond," Ilya Gorin said in the interview, which aired on Sunday.\n'
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We will respond"]
    # a relative clause inside the subject does not stop the clause after the verb
    inside = "Gorin, who has two children at the school, says the roof leaks every spring.\n"
    (q,) = _indirect(inside)
    assert q.text == "the roof leaks every spring" and q.person == "Gorin"


def test_a_dash_and_a_name_after_a_quotation_sign_it() -> None:
    text = "Anton Velt chairs the council.\n\n" + '"It is about time," – Velt.\n'
    (q,) = _direct(text)
    assert q.person == "Anton Velt" and q.text == "It is about time"


def test_adding_that_goes_to_the_speaker_of_the_cue_before() -> None:
    text = '"The budget is balanced," Ilya Gorin said, adding that spending on roads would fall.\n'
    (q,) = _indirect(text)
    assert q.person == "Ilya Gorin" and q.text == "spending on roads would fall"


def test_the_source_that_reported_the_words_is_not_part_of_them() -> None:
    text = "Ilya Gorin said the meeting had been useful, according to a state news agency.\n"
    (q,) = _indirect(text)
    assert q.text == "the meeting had been useful"


def test_in_someones_words_names_the_speaker() -> None:
    text = 'Ilya Gorin spoke for an hour. In Gorin\'s words, "no wall can stop the river for long".\n'
    (q,) = _direct(text)
    assert q.person == "Ilya Gorin" and q.cue == "In Gorin's words"
    text = 'Ilya Gorin spoke for an hour. In the words of Gorin: "No wall can stop the river for long."\n'
    assert [q.person for q in _direct(text)] == ["Ilya Gorin"]


def test_a_headline_with_a_name_and_a_colon_is_not_a_turn() -> None:
    text = (
        "Gorin: the river will be opened to ships\n\n"
        "Ilya Gorin said on Monday that the river would be opened to ships in May.\n"
    )
    assert _direct(text) == []
    assert [q.person for q in _indirect(text)] == ["Ilya Gorin"]


def test_a_participle_opens_a_clause_and_never_closes_or_names_one() -> None:
    text = "The Harbour Board has dismissed the complaints as unfounded, saying they would only delay repairs.\n"
    (q,) = _indirect(text)
    assert q.text == "they would only delay repairs" and q.person == "Harbour Board"
    # the words after a participle are its object, not the speaker of a term quoted before
    term = 'At the same time, the big "loops" in the current push warm water north, explaining the mild winter.\n'
    assert all(q.speaker != "the mild winter" for q in extract_quotes(term))


def test_a_participle_and_a_preposition_open_a_sentence_before_its_subject() -> None:
    text = 'Speaking to reporters, Pavel Lints, a deputy minister, said: "There will be an answer, a measured one."\n'
    (q,) = _direct(text)
    assert q.person == "Pavel Lints"


def test_a_negated_or_modal_verb_makes_a_clause() -> None:
    text = "Oleg Serov joined the club.\n\nSerov admitted his posts need to be checked before they go out.\n"
    (q,) = _indirect(text)
    assert q.text == "his posts need to be checked before they go out" and q.person == "Oleg Serov"


def test_a_clause_reported_inside_an_opening_clause_ends_with_it() -> None:
    text = "When a moderator asked whether he would run again, Ilya Gorin smiled.\n"
    (q,) = _indirect(text)
    assert q.text == "whether he would run again"  # the question asked, as after an object
    both = "Though Judge Vera Lind said she was loath to fine the club, she believed it had broken the rules.\n"
    first, second = _indirect(both)
    assert first.text == "she was loath to fine the club" and first.person == "Vera Lind"
    assert second.text == "it had broken the rules" and second.person == "Vera Lind"


def test_an_interview_printed_as_questions_and_answers() -> None:
    text = (
        "Ilya Gorin, the mayor, spoke to us about the bridge. Gorin has run the city since 2019.\n\n"
        "Q: Is it late?\n\n"
        "A: Not at all. We are on schedule.\n"
    )
    question, answer = _direct(text)
    assert question.text == "Is it late?" and question.person is None and question.speaker_type == "unnamed"
    assert answer.text == "Not at all. We are on schedule." and answer.person == "Ilya Gorin"


@pytest.mark.parametrize("verb", ["joked", "quipped", "lamented", "pledged", "proclaimed", "retorted"])
def test_verbs_of_saying_with_that_report_speech(verb: str) -> None:
    text = f"Ilya Gorin spoke at length.\n\nGorin {verb} that the bridge would be built this year.\n"
    (q,) = _indirect(text)
    assert q.person == "Ilya Gorin" and q.text == "the bridge would be built this year"


@pytest.mark.parametrize(
    ("intro", "mention", "person"),
    [
        ("Presidential aide Pavel Lints", "the aide", "Pavel Lints"),
        ("Foreign policy adviser Pavel Lints", "the adviser", "Pavel Lints"),
        ("Special envoy Pavel Lints", "the envoy", "Pavel Lints"),
    ],
)
def test_a_lowercase_title_before_a_name_is_how_they_are_referred_to_later(
    intro: str, mention: str, person: str
) -> None:
    text = f'{intro} spoke first. President Ilya Gorin arrived later.\n\n"The talks were frank," {mention} said.\n'
    assert [q.person for q in _direct(text)] == [person]


def test_a_titled_name_after_a_possessive_owner_is_learned() -> None:
    text = (
        "Ilya Gorin has said the bridge will wait.\n\n"
        "Finland's President Aino Laine dismissed the remarks. In her weekly address, she said: "
        '"The bridge cannot wait for ever."\n'
    )
    assert [q.person for q in _direct(text)] == ["Aino Laine"]


def test_a_title_with_one_country_is_not_the_holder_of_another_countrys() -> None:
    text = (
        "Ilya Gorin has said the bridge will wait.\n\n"
        "Finland's President Aino Laine dismissed the remarks. Mrs Laine said the bridge could not wait.\n\n"
        "The Russian president also spoke about the economy, saying growth would reach 3.5% this year.\n"
    )
    last = _indirect(text)[-1]
    assert last.text == "growth would reach 3.5% this year" and last.person == "Ilya Gorin"


def test_a_cue_between_commas_inside_a_statement_reports_it_in_two_parts() -> None:
    text = "Pavel Lints spoke last.\n\nThe northern towns, he said, had waited long enough for the bridge.\n"
    (q,) = _indirect(text)
    assert q.person == "Pavel Lints"
    assert [text[a:b] for a, b in q.parts] == ["The northern towns", "had waited long enough for the bridge"]
    assert q.text == "The northern towns had waited long enough for the bridge"
    # a named speaker too, and nothing when the sentence quotes someone directly
    named = "Pavel Lints spoke last.\n\nThe towns, Lints argued, had waited long enough for the bridge.\n"
    assert [q.person for q in _indirect(named)] == ["Pavel Lints"]
    unnamed = "The decision, analysts said, was widely expected.\n"
    (q,) = _indirect(unnamed)
    assert q.text == "The decision was widely expected" and q.person is None and q.speaker == "analysts"


def test_a_question_put_to_someone_is_the_askers() -> None:
    text = (
        "Ilya Gorin held a news conference.\n\n"
        'A reporter from a local paper asked Gorin: "Will you run again?"\n\n'
        "A radio correspondent asked whether the bridge would open in May.\n"
    )
    (direct,) = _direct(text)
    assert direct.text == "Will you run again?" and direct.person is None
    assert direct.speaker == "A reporter from a local paper"
    (asked,) = _indirect(text)
    assert asked.text == "whether the bridge would open in May" and asked.person is None
    urged = "Ilya Gorin spoke.\n\nGorin urged that the bridge be finished before the winter.\n"
    assert [q.text for q in _indirect(urged)] == ["the bridge be finished before the winter"]


def test_two_apostrophes_close_a_double_mark() -> None:
    text = (
        "Lena Park opened her shop in May.\n\n"
        "“We sell only books by local writers,’’ says Park. “If you want a bestseller, go elsewhere.’’\n"
    )
    first, second = _direct(text)
    assert first.text == "We sell only books by local writers" and first.person == "Lena Park"
    assert second.text == "If you want a bestseller, go elsewhere."
    # an apostrophe inside the words does not close them
    inside = "“We can’t wait,’’ said Park.\n"
    assert [q.text for q in _direct(inside)] == ["We can’t wait"]


def test_the_holder_of_a_title_described_by_what_they_serve() -> None:
    text = (
        "Russian President Vladimir Putin met Finnish President Sauli Niinisto on Tuesday.\n\n"
        '"We discussed the border," the president of Russia said.\n\n'
        '"The talks were useful," said the president of Finland.\n\n'
        'Studio owner Lena Park joined them. "We sell local books," says the 41-year-old owner of Page Turners.\n'
    )
    assert [q.person for q in _direct(text)] == ["Vladimir Putin", "Sauli Niinisto", "Lena Park"]
    # no one introduced with the title: no person, and never the organisation served
    unnamed = 'The plant will close.\n\n"We had no choice," said the owner of Volga Textiles.\n'
    (q,) = _direct(unnamed)
    assert q.person is None and q.speaker == "the owner of Volga Textiles"


def test_a_thing_as_the_subject_is_not_who_he_means() -> None:
    # "the deal" is the subject of the clause, not a person: "he" is the Russian leader, who spoke last
    text = (
        "Turkish President Kemal Aydin said he expected a breakthrough.\n\n"
        "According to Russian President Pavel Orlov, the deal had turned into a one-way street.\n\n"
        '"This is unacceptable," he said.\n'
    )
    quotes = _direct(text)
    assert [q.person for q in quotes] == ["Pavel Orlov"]


def test_her_message_still_names_her() -> None:
    # a description owned by "her" is resolved through its owner, and the next paragraph continues her
    text = (
        "Anna Belova lost her son last year. She keeps his photos.\n\n"
        "Her message now is simple: be careful.\n\n"
        '"Nobody is safe. You never know what they took."\n'
    )
    assert [q.person for q in _direct(text)] == ["Anna Belova"]


def test_said_when_asked_reports_no_statement() -> None:
    text = 'Pavel Orlov met the envoy.\n\n"We will see," Orlov said when asked about a second meeting.\n'
    assert [q.text for q in _indirect(text)] == []
    assert [q.person for q in _direct(text)] == ["Pavel Orlov"]


def test_a_counterpart_is_a_person_a_pronoun_may_mean() -> None:
    text = (
        "Foreign Minister Ivan Dubov spoke alongside his Egyptian counterpart Amir Haddad.\n\n"
        'Haddad called for a ceasefire. "Dialogue is the only way," he told reporters.\n'
    )
    assert [q.person for q in _direct(text)] == ["Amir Haddad"]


def test_a_parenthetical_between_the_speaker_and_a_naming_verb() -> None:
    text = 'Ministry spokeswoman Olga Serova, in a post on Telegram, described the rules as "plain theft".\n'
    [q] = extract_quotes(text)
    assert (q.text, q.person) == ("plain theft", "Olga Serova")


def test_that_after_a_noun_and_before_a_verb_is_relative() -> None:
    # "a speech that lasted" says what the speech was; "a statement that the talks" says what was said
    text = '"We stand firm," Orlov said in a speech that lasted about ten minutes.\n'
    assert _indirect(text) == []
    text = "Orlov said in a statement that the talks had failed.\n"
    assert [q.text for q in _indirect(text)] == ["the talks had failed"]


def test_a_quotes_label_gives_the_words_under_it_to_the_main_speaker() -> None:
    text = (
        "Pavel Orlov held his annual news conference.\n\n"
        '"We have passed the peak," Orlov said. Minister Ivan Dubov agreed.\n\n'
        '"Prices will fall," Orlov added.\n\n'
        "Key quotes:\n\n"
        '"Nobody is afraid of anyone here."\n'
    )
    assert [q.person for q in _direct(text)][-1] == "Pavel Orlov"


def test_himself_after_a_name_is_emphasis() -> None:
    text = "Pavel Orlov chairs the council.\n\nOrlov himself has said that such laws are fair.\n"
    assert [(q.text, q.person) for q in _indirect(text)] == [("such laws are fair", "Pavel Orlov")]


def test_two_quotations_with_a_sentence_between_are_two() -> None:
    text = '"This is no bluff," Orlov warned, speaking slowly. He added: "The wind can turn."\n'
    assert [(q.text, q.person) for q in _direct(text)] == [
        ("This is no bluff", "Orlov"),
        ("The wind can turn.", "Orlov"),
    ]


def test_the_country_of_a_post_is_not_the_first_name() -> None:
    text = 'U.S. ambassador to Norvania Bridget Brink said the move was "a sign of weakness".\n'
    assert {q.person for q in extract_quotes(text)} == {"Bridget Brink"}


def test_a_pronoun_cue_inside_a_sentence_about_someone_is_someone_else() -> None:
    text = (
        '"It is the old hearts thing," said Senator Irina Volkova. Dubov, she said, '
        '"knows the hearts of his colleagues."\n'
    )
    assert [q.person for q in extract_quotes(text)] == ["Irina Volkova", "Irina Volkova"]


def test_a_setting_before_a_cue_is_not_a_statement() -> None:
    text = "In a televised address on Wednesday night, Pavel Orlov announced a partial mobilisation.\n"
    assert _indirect(text) == []


def test_a_clause_ending_in_quoted_words_keeps_the_stop_printed_inside_the_marks() -> None:
    text = 'Pavel Orlov said Moscow\'s position "has not changed." He left.\n'
    [q] = _indirect(text)
    assert q.text == 'Moscow\'s position "has not changed."'
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "cue",
    [
        "Orlov said at a briefing in Kazan:",  # a place before the colon
        "Orlov told the weekly Novaya Zhizn:",  # an addressee before the colon
        "Orlov wrote in a column for Vechernyaya Tver:",
    ],
)
def test_the_words_before_a_colon_after_a_speech_verb_are_not_the_speaker(cue: str) -> None:
    text = f'Pavel Orlov spoke first. {cue} "The grain will reach Africa."\n'
    (q,) = _direct(text)
    assert q.person == "Pavel Orlov"


def test_a_place_is_never_he() -> None:
    text = (
        "Pavel Orlov opened the forum in Kazan on Friday.\n"
        "According to Orlov, Kazan had spent a year preparing. "
        '"Everyone worked hard," he noted.\n'
    )
    assert _direct(text)[0].person == "Pavel Orlov"


def test_an_untitled_president_is_not_someone_introduced_with_another_title() -> None:
    text = (
        "Pavel Orlov met Governor of Tver Region Anna Belova and Mayor Ivan Dubov.\n"
        "Belova spoke of roads. Belova asked for money. Dubov agreed with Belova.\n"
        '"We will find the money," the president replied.\n'
    )
    assert _direct(text)[0].person == "Pavel Orlov"


def test_a_dateline_is_not_part_of_a_statement() -> None:
    text = "KAZAN (Wire) — The two leaders agreed to build a bridge, the ministry said.\n"
    [q] = _indirect(text)
    assert q.text == "The two leaders agreed to build a bridge"


def test_a_description_in_apposition_before_a_name_titles_it() -> None:
    text = (
        "Finnish Foreign Minister Teodor Halvik met his Egyptian counterpart, Tamsir Zoghby.\n"
        "Halvik praised the talks. Zoghby called for a truce.\n"
        '"The situation is grave," the Egyptian minister said.\n'
    )
    assert _direct(text)[0].person == "Tamsir Zoghby"


@pytest.mark.parametrize(
    "text",
    [
        "Orlov declined to comment on reports that the bridge would close.\n",
        "Media reports that the bridge would close were denied on Friday.\n",
        "The ministry dismissed the claims that the bridge would close.\n",
    ],
)
def test_a_word_of_saying_after_a_determiner_or_preposition_is_a_noun(text: str) -> None:
    assert extract_quotes(text) == []


def test_a_former_title_may_mean_someone_introduced_with_the_post_they_hold_now() -> None:
    text = (
        "Pavel Orlov, deputy chairman of the security council, spoke on Monday.\n"
        '"Any such step is theft," the former president wrote.\n'
    )
    assert _direct(text)[0].person == "Pavel Orlov"


def test_who_quoted_a_quotation_is_no_statement() -> None:
    text = '"There are no such plans," Orlov was quoted as saying by the Tver news agency.\n'
    assert [(q.kind, q.person) for q in extract_quotes(text)] == [("direct", "Orlov")]


def test_a_leader_may_be_a_prime_minister() -> None:
    text = (
        "Indian Prime Minister Anil Varma welcomed Russian President Pavel Orlov on Thursday.\n"
        "The Indian leader said the two sides had agreed to build a reactor.\n"
    )
    assert [q.person for q in _indirect(text)] == ["Anil Varma"]


def test_the_author_in_a_byline_is_never_the_one_who_speaks() -> None:
    text = (
        "Talks in Tver\n\nBy Olga Ivanova\n\n"
        '"Rates are too high, I agree," the president says. "But the bank is independent."\n'
    )
    assert all(q.person != "Olga Ivanova" for q in extract_quotes(text))


def test_a_capitalised_word_after_a_lowercase_word_is_no_speakers_label() -> None:
    text = 'A question from a viewer in Novosibirsk: "When will our road be repaired?"\n'
    (q,) = _direct(text)
    assert q.person is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('Anna Belova accused the council of "wasting money".\n', "wasting money"),
        ('Anna Belova dismissed the whole report as "fiction".\n', "fiction"),
        ('Anna Belova accused the governors of several northern regions of "sabotage".\n', "sabotage"),
        ('Anna Belova denounced the plan as "theft".\n', "theft"),
    ],
)
def test_words_quoted_after_a_verb_of_judgement_and_its_object_are_the_subjects(text: str, words: str) -> None:
    assert [(q.kind, q.person, q.text) for q in extract_quotes(text)] == [("partial", "Anna Belova", words)]


def test_a_verb_of_naming_after_a_comma_closes_no_reported_clause() -> None:
    assert extract_quotes("Anna Belova, who lives in exile in Riga, condemned the meeting.\n") == []


def test_no_ones_surname_is_a_country() -> None:
    text = (
        "Orlov tells Halvik Finland ready for talks\n\n"
        "Tarvian President Pavel Orlov met Finnish President Teodor Halvik on Monday.\n"
        'Halvik said a deal could come "soon".\n'
    )
    assert [q.person for q in extract_quotes(text)] == ["Teodor Halvik"]


def test_the_start_of_a_long_name_is_its_bearer() -> None:
    text = (
        "Pavel Orlov met President of the United Arab Emirates Khalid bin Omar Al Rashid.\n"
        'Khalid bin Omar said the talks were "useful".\n'
    )
    assert [q.person for q in extract_quotes(text)] == ["Khalid bin Omar Al Rashid"]


def test_a_turn_label_may_give_the_speakers_outlet_in_brackets() -> None:
    text = (
        "Pavel Orlov took questions after the summit.\n\n"
        "Irina Volkova (Tver Radio): Mr President, will there be talks next year?\n\n"
        "Pavel Orlov: We are ready. We have always been ready.\n\n"
        "Question (Wire): And what about the bridge?\n"
    )
    assert [(q.person, q.speaker) for q in _direct(text)] == [
        ("Irina Volkova", "Irina Volkova"),
        ("Pavel Orlov", "Pavel Orlov"),
        (None, "Question"),
    ]


def test_an_irregular_past_tense_ends_a_subject_with_the() -> None:
    text = "The Bank of Tver kept its key rate at 9% on Friday, saying inflation remained high.\n"
    [q] = _indirect(text)
    assert (q.speaker, q.text) == ("The Bank of Tver", "inflation remained high")


@pytest.mark.parametrize("tail", ["the ministry said", "he explained", "the readout said"])
def test_a_cue_closing_the_sentence_is_not_part_of_the_clause(tail: str) -> None:
    text = f"Pavel Orlov told Teodor Halvik that the bridge would open in May, {tail}.\n"
    [q] = _indirect(text)
    assert q.text == "the bridge would open in May"


def test_the_head_of_a_description_comes_before_of() -> None:
    text = "Pavel Orlov and Teodor Halvik spoke by phone, according to a Kremlin readout of the call.\n"
    [q] = _indirect(text)
    assert (q.person, q.speaker_type) == ("Kremlin", "organisation")


@pytest.mark.parametrize(
    ("full", "alone"),
    [("Marcos Teodoro Vilar da Costa", "Vilar"), ("Abdel Karim el-Tawfiq", "Tawfiq")],
)
def test_a_long_name_may_be_written_by_a_middle_word_or_without_its_particle(full: str, alone: str) -> None:
    text = f'Pavel Orlov met {full} on Monday.\n"It is time to talk," {alone} said.\n'
    assert [q.person for q in _direct(text)] == [full]


def test_a_dateline_does_not_hide_the_subject_after_it() -> None:
    text = 'KAZAN (Wire) – The ministry on Thursday dismissed a report on the bridge, calling it "pure fiction".\n'
    assert [(q.kind, q.speaker, q.text) for q in extract_quotes(text)] == [("partial", "The ministry", "pure fiction")]


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("Nina Orlova said a vote was likely next week.", "a vote was likely next week"),
        ("Nina Orlova said an agreement had been reached.", "an agreement had been reached"),
    ],
)
def test_a_clause_may_open_with_an_indefinite_article(sentence: str, clause: str) -> None:
    (q,) = _indirect(sentence + "\n")
    assert q.text == clause and q.person == "Nina Orlova"


@pytest.mark.parametrize("sentence", ["Nina Orlova said a prayer before the vote.", "Nina Orlova added a clause."])
def test_an_indefinite_object_without_a_verb_is_no_clause(sentence: str) -> None:
    assert _indirect(sentence + "\n") == []


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("Pavel Sokolov expressed hope that the border would reopen soon.", "the border would reopen soon"),
        ("Pavel Sokolov voiced concern that the talks had stalled.", "the talks had stalled"),
        ("Pavel Sokolov expressed confidence that exports would grow.", "exports would grow"),
    ],
)
def test_a_verb_with_a_noun_of_stance_reports_its_clause(sentence: str, clause: str) -> None:
    (q,) = _indirect(sentence + "\n")
    assert q.text == clause and q.person == "Pavel Sokolov"


def test_an_instruction_is_reported_speech() -> None:
    (q,) = _indirect("Prime Minister Pavel Sokolov instructed the ministries to cut red tape.\n")
    assert q.text == "to cut red tape" and q.person == "Pavel Sokolov"


def test_the_president_is_not_someone_introduced_with_another_kind_of_title() -> None:
    text = (
        "Viktor Halvik's speech on Monday surprised the markets.\n\n"
        '"He wants to look calm," said Irina Lebedeva, founder of the consultancy Northgate.\n\n'
        "The Norvanian president told the assembly that the budget would be balanced.\n"
    )
    (q,) = _indirect(text)
    assert q.person == "Viktor Halvik"


def test_an_interview_printed_as_q_and_a_gives_questions_to_the_named_interviewer() -> None:
    text = (
        "Viktor Halvik spoke to the journalist Marta Kovac on Sunday.\n\n"
        "Q: Will the reforms continue next year?\n\n"
        "A: They will, and faster than before. We have no time to lose.\n"
    )
    question, answer = _direct(text)
    assert question.person == "Marta Kovac" and answer.person == "Viktor Halvik"


@pytest.mark.parametrize(
    "opening",
    ["14:20 Halvik takes the stage in the main hall.", "NORVIK, May 3. /NORTA/. Halvik arrived in the capital."],
)
def test_a_live_blog_time_or_an_agency_dateline_does_not_hide_the_subject(opening: str) -> None:
    text = f'{opening} "We will build the bridge," he says.\n\nLater, Halvik says the works will start in spring.\n'
    (q, *_) = _direct(text)
    assert q.person == "Halvik"


def test_a_surname_that_speaks_is_a_name_though_never_given_in_full() -> None:
    text = (
        "Halvik opens the session with a review of the harvest.\n\n"
        '"It was the best year in a decade," he says.\n\n'
        '"We expect more," Halvik says.\n'
    )
    first, second = _direct(text)
    assert first.person == second.person == "Halvik"


@pytest.mark.parametrize("cue", ["As Halvik put it,", "As he said,"])
def test_as_someone_put_it_is_the_cue_of_the_quotation_after_it(cue: str) -> None:
    text = f'Pavel Halvik spoke last.\n\n{cue} "we will not wait for anyone, and we do not need to."\n'
    (q,) = _direct(text)
    assert q.person == "Pavel Halvik"
    assert q.text == "we will not wait for anyone, and we do not need to."


def test_a_statement_said_is_the_words_of_who_issued_it() -> None:
    text = (
        "The Norvanian Foreign Ministry protested on Monday, the ministry said in a statement.\n\n"
        "The statement said the fines were unlawful.\n"
    )
    assert [q.person for q in _indirect(text)] == ["Norvanian Foreign Ministry"] * 2


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        (
            "The delegations agreed on six projects, presidential adviser Marta Kovac said, including two bridges.",
            "Marta Kovac",
        ),
        ("The fines, the ministry said, were unlawful.", None),
    ],
)
def test_a_named_or_described_cue_between_commas_reports_the_sentence_around_it(
    sentence: str, person: str | None
) -> None:
    (q,) = _indirect(sentence + "\n")
    assert len(q.parts) == 2 and q.person == person
    assert "said" not in q.text


def test_bullets_under_a_label_without_a_verb_of_saying_are_a_summary() -> None:
    text = "Main points:\n- Halvik says the bridge will open in May\n- The works will cost 2 billion\n"
    assert extract_quotes(text) == []


def test_dash_paragraphs_under_a_cue_with_a_colon_are_the_cues_speakers() -> None:
    text = "Teodor Halvik told the assembly:\n- We will finish the bridge.\n- And then we will build the road.\n"
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We will finish the bridge.", "And then we will build the road."]
    assert {q.person for q in quotes} == {"Teodor Halvik"}


def test_a_closing_cue_before_a_participle_of_saying_reports_both_clauses() -> None:
    text = (
        "Nina Orlova chairs the board.\n\nThe bank will hold its rate, Orlova said, adding that prices were easing.\n"
    )
    assert [(q.text, q.person) for q in _indirect(text)] == [
        ("The bank will hold its rate", "Nina Orlova"),
        ("prices were easing", "Nina Orlova"),
    ]


def test_a_participle_after_the_cues_setting_is_not_the_verbs_clause() -> None:
    text = (
        "Nina Orlova spoke in Tver.\n\nOrlova said on Friday, adding that the bank was ready, that rates would fall.\n"
    )
    assert all(not q.text.startswith("adding") for q in _indirect(text))


def test_a_participle_after_a_cue_between_commas_is_the_writers_comment() -> None:
    (q,) = _indirect("The bank will hold its rate, Nina Orlova said, signaling a pause in cuts.\n")
    assert q.text == "The bank will hold its rate" and q.parts == [(0, len("The bank will hold its rate"))]


def test_a_clause_ending_on_quoted_words_with_the_comma_inside_the_marks_is_reported() -> None:
    text = 'Nina Orlova chairs the board.\n\nThe outlook was "broadly stable," she said.\n'
    (q,) = _indirect(text)
    assert q.text == 'The outlook was "broadly stable,"' and q.person == "Nina Orlova"


def test_a_title_after_the_is_the_object_of_told() -> None:
    (q,) = _indirect("General Ivan Sorokin told the president the drill had gone to plan.\n")
    assert q.text == "the drill had gone to plan" and q.person == "Ivan Sorokin"


def test_bullets_under_a_heading_without_a_verb_of_saying_are_a_summary() -> None:
    text = "Live: the summit\n\nSummary\n\n- The ministry says the deal is off.\n- Halvik says he will resign.\n"
    assert extract_quotes(text) == []


def test_a_demonym_after_a_word_that_is_no_given_name_describes_people() -> None:
    (q,) = _indirect("Black Americans said the new law was unfair.\n")
    assert q.speaker_type != "person"  # a group, or people unnamed


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Lakeshore Police Service Const. Harjot Gill said two cars were damaged.", "Harjot Gill"),
        ("Jets coach Marc St. Germain praised his goalie. The defence was better, he said.", "Marc St. Germain"),
    ],
)
def test_a_name_runs_on_through_a_title_abbreviation(sentence: str, person: str) -> None:
    (q,) = _indirect(sentence + "\n")
    assert q.person == person


def test_a_common_noun_opening_a_sentence_is_no_ones_name() -> None:
    text = "Three people were hurt, police said.\n\nPolice said the driver had fled.\n"
    assert [q.person for q in _indirect(text)] == [None, None]


def test_someone_who_asked_not_to_be_named_is_unnamed_and_so_is_a_later_mention() -> None:
    text = (
        'Sgt. Olga Brandt said the shop was closed. "Nobody was hurt," Brandt said.\n\n'
        "The shop's manager, who asked not to be named, said the alarm had failed.\n\n"
        '"We will fix it this week," the manager said.\n'
    )
    quotes = extract_quotes(text)
    assert [q.person for q in quotes][-2:] == [None, None]


def test_the_statement_is_the_last_statement_cited_even_when_its_author_is_unnamed() -> None:
    text = (
        "The Northern Lakes Bank report said the fine stood.\n\n"
        "A spokesperson for the shelter said in a statement that its books were in order.\n\n"
        '"We can now move on," the statement said.\n'
    )
    assert extract_quotes(text)[-1].person is None


def test_a_long_apposition_after_an_inverted_cue_is_not_a_tail() -> None:
    text = "Prices will fall, said Olga Brandt, chief investment officer at the Northern Lakes Savings and Loan Bank.\n"
    (q,) = _indirect(text)
    assert q.text == "Prices will fall" and q.person == "Olga Brandt"


def test_a_firm_of_one_word_with_a_corporate_suffix_is_the_company() -> None:
    text = "Shares of Kestrel Inc. rose 9 per cent.\n\nThe company said sales would grow.\n"
    (q,) = _indirect(text)
    assert q.person == "Kestrel"


def test_a_relative_clause_after_a_comma_reports_for_the_noun_before_it() -> None:
    text = "The plan differs from that of minister Olga Brandt, who said on Monday that taxes would stay low.\n"
    (q,) = _indirect(text)
    assert q.text == "taxes would stay low" and q.person == "Olga Brandt"


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Norway's central bank said rates would stay high.", "Norway's central bank"),
        ("Japan's trade ministry warned that exports would fall.", "Japan's trade ministry"),
    ],
)
def test_an_organisation_a_countrys_name_identifies_is_named_as_written(sentence: str, person: str) -> None:
    (q,) = _indirect(sentence + "\n")
    assert q.person == person and q.speaker_type == "organisation"


def test_a_source_between_commas_reports_the_sentence_around_it() -> None:
    (q,) = _indirect("The main risk, according to the bank's economists, is a fall in oil prices.\n")
    assert q.text == "The main risk is a fall in oil prices" and len(q.parts) == 2


def test_a_document_owned_by_a_pronoun_is_the_owners() -> None:
    text = "Olga Brandt spoke at length.\n\nThe deficit, according to her estimates, will halve by 2030.\n"
    (q,) = _indirect(text)
    assert q.person == "Olga Brandt"


def test_an_adverbial_of_frequency_before_that_is_skipped() -> None:
    (q,) = _indirect("Olga Brandt noted several times that she would appeal.\n")
    assert q.text == "she would appeal" and q.person == "Olga Brandt"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Russian Foreign Minister Teodor Halvik met U.S. Secretary of State Anna Ross.\n\n"
            "Russia's top diplomat told reporters the talks were frank.\n",
            "Teodor Halvik",
        ),
        (
            "Russian Foreign Minister Teodor Halvik met U.S. Secretary of State Anna Ross.\n\n"
            "The top U.S. diplomat said the talks were frank.\n",
            "Anna Ross",
        ),
    ],
)
def test_a_top_diplomat_is_a_foreign_minister_of_that_country(text: str, person: str) -> None:
    assert _indirect(text)[-1].person == person


def test_a_setting_after_a_comma_is_no_apposition_of_the_name() -> None:
    text = (
        "U.S. envoy Marta Kovac arrived first.\n\n"
        "President Viktor Halvik, on a visit to Norvania, said the border would open.\n\n"
        '"We keep our word," the Estonian leader said.\n'
    )
    assert _direct(text)[-1].person == "Viktor Halvik"


def test_a_name_inside_what_is_reported_does_not_take_a_later_he() -> None:
    text = (
        "Viktor Halvik and Pavel Sokolov met on Monday.\n\n"
        "Later, Halvik told reporters that he and Sokolov had agreed on the budget. "
        "He said taxes would not rise.\n"
    )
    assert [q.person for q in _indirect(text)] == ["Viktor Halvik", "Viktor Halvik"]


def test_words_quoted_in_a_reported_statement_are_its_speakers() -> None:
    text = 'Viktor Halvik spoke.\n\nHalvik told reporters that he and Sokolov had agreed on "all the main points."\n'
    assert {q.person for q in extract_quotes(text)} == {"Viktor Halvik"}


def test_a_name_ending_a_posts_description_in_apposition_is_not_the_subject() -> None:
    text = (
        "Former prime minister Viktor Halvik spoke.\n\n"
        '"We will return," the former prime minister, now head of Norvania\'s Security Council, wrote.\n'
    )
    (q,) = _direct(text)
    assert q.person == "Viktor Halvik"


def test_a_quotation_right_after_a_dateline_is_direct() -> None:
    text = 'NORVIK, Norvania — "The bridge will open in May," says Viktor Halvik, who chairs the council.\n'
    (q,) = extract_quotes(text)
    assert q.kind == "direct" and q.text == "The bridge will open in May" and q.person == "Viktor Halvik"


def test_a_name_in_apposition_after_a_posted_description_is_the_subject() -> None:
    text = "Norvania's ambassador to the United States, Viktor Halvik, insisted that the talks went on.\n"
    (q,) = _indirect(text)
    assert q.person == "Viktor Halvik"


def test_a_dateline_is_never_the_speaker_of_the_quotation_after_its_cue() -> None:
    text = 'NORVIK, May 2 (Reuters) - Viktor Halvik, speaking at the council, said: "We will not wait."\n'
    (q,) = _direct(text)
    assert q.person == "Viktor Halvik"


def test_an_object_pronoun_after_an_inverted_verb_is_whom_it_was_said_to() -> None:
    text = "Viktor Halvik spoke first.\n\nThe chair, Marta Kovac, asked him about the talks with Norvania.\n"
    assert all(q.person != "Norvania" for q in extract_quotes(text))


def test_a_description_before_a_named_cue_is_its_apposition_not_a_statement() -> None:
    text = "Viktor Halvik came on.\n\nThe host of the show, Marta Kovac, asked him about the plans for the bridge.\n"
    assert all(not q.text.startswith("The host") for q in extract_quotes(text))


def test_words_quoted_in_a_headline_are_not_a_quotation() -> None:
    text = (
        'Halvik says talks "complicated" as new round is set\n\n'
        '"The talks are complicated," Viktor Halvik told reporters on Monday.\n'
    )
    (q,) = extract_quotes(text)
    assert q.text == "The talks are complicated" and q.person == "Viktor Halvik"


def test_asking_not_to_be_named_reports_nothing() -> None:
    text = "A diplomat, who asked not to be identified, told reporters that hopes were low.\n"
    assert [q.text for q in _indirect(text)] == ["hopes were low"]
