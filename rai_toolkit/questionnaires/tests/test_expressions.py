"""SurveyJS expressions in Python: what authors write, and survey-core's quirks we match."""

from __future__ import annotations

from typing import Any

import pytest

from rai_toolkit.questionnaires.expressions import (
    Expression,
    ExpressionError,
    evaluate,
    is_true,
    parse,
)


def value(text: str, **values: Any) -> Any:
    return evaluate(text, values)


def refusal(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    return caught.value


# -- answers ----------------------------------------------------------------------------------


def test_a_missing_answer_is_empty() -> None:
    assert value("{q1}") is None
    assert value("{q1} empty") is True
    assert value("{q1} notempty") is False
    assert value("{q1} = ''") is True


def test_matrix_rows_and_multipletext_items_are_read_with_a_dot() -> None:
    answers = {"matrix": {"row1": "col2"}, "name": {"first": "Ann"}}
    assert is_true("{matrix.row1} = 'col2'", answers)
    assert is_true("{name.first} = 'ann'", answers)
    assert evaluate("{matrix.row2}", answers) is None


def test_question_names_are_case_insensitive() -> None:
    assert value("{Q1} + 1", q1=2) == 3
    assert value("{M.ROW}", m={"row": "x"}) == "x"


def test_list_items_and_lengths_can_be_read() -> None:
    assert value("{cb[0]}", cb=["a", "b"]) == "a"
    assert value("{cb[-1]}", cb=["a", "b"]) == "b"
    assert value("{cb.length}", cb=["a", "b"]) == 2
    assert value("{missing.length}") == 0


def test_numeric_text_answers_become_numbers_but_not_with_a_leading_zero() -> None:
    assert value("{q}", q="5") == 5
    assert value("{q}", q="2.50") == 2.5
    assert value("{q}", q="1,5") == 1.5  # a decimal comma, too
    assert value("{q}", q="05") == "05"  # survey-core keeps it text, like a postcode
    assert value("{#q}", q="5") == "5"  # "#" asks for the answer as stored


def test_text_answers_true_and_false_become_booleans() -> None:
    assert value("{q}", q="True") is True
    assert value("{q} = true", q="false") is False


# -- comparison -------------------------------------------------------------------------------


def test_a_number_equals_its_text() -> None:
    assert value("{q} = 5", q="5") is True
    assert value("'5' = 5") is True
    assert value("'2.50' = 2.5") is True
    assert value("'05' = 5") is True


def test_text_comparison_ignores_case_and_surrounding_spaces() -> None:
    assert value("{q} = 'yes'", q=" Yes ") is True
    assert value("{q} != 'YES'", q="yes") is False


def test_lists_are_equal_in_any_order() -> None:
    assert value("{cb} = ['b', 'a']", cb=["a", "b"]) is True
    assert value("{cb} = ['a']", cb=["a", "b"]) is False


def test_lists_are_sorted_case_sensitively_before_comparing() -> None:
    # survey-core sorts both lists, then compares item by item ignoring case: "B" sorts first.
    assert value("{cb} = ['b', 'a']", cb=["a", "B"]) is False
    assert value("{cb} = ['a', 'b']", cb=["A", "B"]) is True


def test_ordering_a_missing_answer_is_always_false() -> None:
    assert value("{q} < 5") is False
    assert value("{q} >= 5") is False


def test_ordering_two_texts_compares_them_as_text() -> None:
    assert value("'10' < '9'") is True  # as JavaScript does
    assert value("{a} < {b}", a="10", b="9") is False  # answers were made numbers first


def test_word_operators_are_accepted() -> None:
    assert value("1 less 2 and 2 lessorequal 2 and 3 greater 2 and 3 greaterorequal 3")
    assert value("1 equal 1 and 1 notequal 2 and 1 <> 2 and 1 == 1")


def test_survey_core_rewrites_operators_even_inside_quoted_text() -> None:
    assert value("'a<>b'") == "a!=b"
    assert value("'equals'") == "equal "


# -- contains, anyof, allof, empty -------------------------------------------------------------


def test_contains_on_text_finds_a_substring_in_any_case() -> None:
    assert value("{q} contains 'ES'", q="Yes") is True
    assert value("{q} notcontains 'x'", q="Yes") is True


def test_contains_on_a_list_checks_membership() -> None:
    assert value("{cb} contains 'a'", cb=["A", "b"]) is True
    assert value("{cb} contains ['a', 'b']", cb=["A", "b"]) is True
    assert value("{cb} contains 'ab'", cb=["ab1"]) is False


def test_contains_on_an_object_searches_its_text_form() -> None:
    # survey-core turns the object into "[object Object]" and searches that.
    assert value("{m} contains 'object'", m={"r": "c"}) is True


def test_notcontains_on_a_missing_answer_is_true() -> None:
    assert value("{q} notcontains 'a'") is True
    assert value("{q} contains 'a'") is False


def test_anyof_and_allof_accept_a_single_value_on_either_side() -> None:
    assert value("{q} anyof ['a', 'b']", q="b") is True
    assert value("{cb} anyof 'b'", cb=["a", "b"]) is True
    assert value("{cb} allof ['a', 'b']", cb=["b", "a", "c"]) is True
    assert value("{cb} allof ['a', 'z']", cb=["a"]) is False
    assert value("{cb} noneof ['z']", cb=["a"]) is True


def test_anyof_between_two_empty_answers_is_true() -> None:
    assert value("{q} anyof []") is True


def test_empty_counts_zero_and_false_as_answers() -> None:
    assert value("{q} empty", q=0) is False
    assert value("{q} empty", q=False) is False
    assert value("{q} empty", q="") is True
    assert value("{q} empty", q=[]) is True
    assert value("{q} empty", q=" ") is False


def test_an_object_of_empty_answers_is_empty() -> None:
    assert value("{m} empty", m={"r1": "", "r2": None}) is True


# -- arithmetic -------------------------------------------------------------------------------


def test_arithmetic_treats_a_missing_answer_as_zero() -> None:
    assert value("{q} + 1") == 1
    assert value("{q} * 2") == 0
    assert value("{q} + 'a'") == "a"


def test_plus_joins_text_even_when_it_looks_like_a_number() -> None:
    assert value("'5' + 1") == "51"
    assert value("{q} + 1", q="5") == 6  # an answer, though, was made a number
    assert value("'x' + {cb}", cb=[1, 2]) == "x1, 2"


def test_other_operators_make_numbers_of_text() -> None:
    assert value("'5' - 1") == 4
    assert value("'5' * '2'") == 10
    assert value("'a' - 1") is None  # NaN


def test_decimal_noise_is_rounded_away() -> None:
    assert value("0.1 + 0.2") == 0.3
    assert value("0.1 * 3") == 0.3


def test_dividing_by_zero_gives_nothing() -> None:
    assert value("5 / 0") is None
    assert value("5 % 0") is None


def test_remainder_and_power_follow_javascript() -> None:
    assert value("-7 % 3") == -1
    assert value("2 ^ 3 ^ 2") == 64  # left to right
    assert value("2 power 3") == 8


def test_minus_belongs_to_number_literals_only() -> None:
    assert value("2 - -3") == 5
    assert value("2--3") == 5
    refusal("-{q}")
    refusal("-(5)")


def test_and_or_return_one_of_their_operands() -> None:
    assert value("0 || 'a'") == "a"
    assert value("'' or 'x'") == "x"
    assert value("{t} and {s}", t=True, s="Yes") == "Yes"


# -- precedence -------------------------------------------------------------------------------


def test_and_binds_tighter_than_or() -> None:
    assert value("true or false and false") is True
    assert value("(true or false) and false") is False


def test_negation_applies_to_the_next_factor() -> None:
    assert value("!{q} empty", q="x") is True  # !({q} empty)
    assert value("!true or true") is True
    assert value("negate false") is True


def test_there_is_no_not_operator() -> None:
    assert "'!'" in refusal("not {q}").reason
    assert "'!'" in refusal("not({q})").reason


def test_contains_and_anyof_bind_tighter_than_arithmetic() -> None:
    assert value("{cb} contains 'a' + 'b'", cb=["a"]) == "trueb"


def test_comparisons_chain_from_the_left() -> None:
    assert value("3 > 2 > 1") is False  # (3 > 2) > 1 is true > 1


# -- functions --------------------------------------------------------------------------------


def test_iif_picks_a_branch() -> None:
    assert value("iif({q} > 3, 'big', 'small')", q=5) == "big"
    assert value("iif({q} > 3, 'big', 'small')") == "small"
    assert value("iif(false, 1)") is None


def test_sum_and_count_skip_missing_answers() -> None:
    assert value("sum({a}, {b}, {c})", a=1, b="2") == 3
    assert value("count({a}, {b}, {c})", a=0, b="") == 2
    assert value("sum({cb})", cb=[1, 2, "3"]) == 6


def test_sum_joins_text_that_is_not_a_number() -> None:
    assert value("sum(1, 'a')") == "1a"


def test_sum_in_array_totals_a_field_over_rows() -> None:
    rows = [{"amount": 2}, {"amount": "3"}, {"amount": "x"}, {}, {"amount": 0.5}]
    assert value("sumInArray({rows}, 'amount')", rows=rows) == 5.5
    assert value("countInArray({rows}, 'amount')", rows=rows) == 4
    matrix = {"r1": {"amount": 1}, "r2": {"amount": 2}}
    assert value("sumInArray({m}, 'amount')", m=matrix) == 3
    assert value("sumInArray({missing}, 'amount')") == 0


def test_in_array_row_filters_are_refused() -> None:
    assert "two parameters" in refusal("sumInArray({rows}, 'amount', '{kind} = 1')").reason


def test_unknown_function_is_refused_with_its_position() -> None:
    error = refusal("{q} = 1 and age({birth}) > 18")
    assert error.position == 12
    assert error.reason == "unknown function 'age'"
    assert "age" in str(error) and "12" in str(error)


def test_function_names_are_case_sensitive() -> None:
    refusal("SUM(1, 2)")


# -- syntax -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("{q} +", 5),
        ("1 2", 2),
        ("", 0),
        ("{q", 2),
        ("'abc", 4),
        ("[1,]", 3),
        ("{q} = = 1", 6),
        ("!null", 1),
        ("[1, null]", 4),
        ("null", 0),
        ("05", 2),
    ],
)
def test_syntax_errors_are_refused_with_their_position(text: str, position: int) -> None:
    error = refusal(text)
    assert error.position == position
    assert error.reason
    assert isinstance(error, ValueError)


def test_a_missing_closing_parenthesis_is_accepted_like_survey_core() -> None:
    assert value("(1 + 2") == 3
    assert value("iif(true, 1, 2") == 1


def test_spacing_is_free_between_tokens() -> None:
    assert value("{q}>=5&&{q}<10", q=7) is True
    assert value("  {q}\n=\t'a'  ", q="A") is True
    assert value("{q}and{q}", q=2) == 2


def test_unquoted_words_are_text() -> None:
    assert value("{q} = yes", q="Yes") is True


def test_quotes_can_be_escaped() -> None:
    assert value("'it\\'s'") == "it's"
    refusal("'say \"hi\"'")  # survey-core allows no other quote inside a string


def test_hexadecimal_numbers() -> None:
    assert value("0x10") == 16


# -- the API ----------------------------------------------------------------------------------


def test_condition_is_javascript_loose_equality_with_true() -> None:
    assert is_true("{q}", {"q": 1}) is True
    assert is_true("{q}", {"q": "1"}) is True
    assert is_true("{q}", {"q": "yes"}) is False  # a non-empty text is not "== true"
    assert is_true("{q}", {"q": 2}) is False
    assert is_true("{q} + 1", {}) is True


def test_evaluate_never_raises() -> None:
    # survey-core throws here (toFixed on a text); we give no value.
    assert value("sum('e', 1.25)") is None
    assert is_true("sum('e', 1.25)", {}) is False
    assert value("10 ^ 400") is None  # Infinity


def test_variables_are_the_first_segment_of_each_name() -> None:
    expression = parse("{q1} = 1 and {matrix.row} notempty or {cb[0]} = {#raw}")
    assert expression.variables() == frozenset({"q1", "matrix", "cb", "raw"})


def test_functions_are_listed() -> None:
    expression = parse("iif(sum({a}, count({b})) > 1, 1, 2)")
    assert expression.functions() == frozenset({"iif", "sum", "count"})


def test_parsing_is_cached() -> None:
    assert parse("{q} = 1") is parse("{q} = 1")
    expression = parse("{q} = 1")
    assert isinstance(expression, Expression)
    assert expression.text == "{q} = 1"


def test_deep_nesting_is_refused_rather_than_crashing() -> None:
    refusal("(" * 500 + "1" + ")" * 500)


def test_answers_of_a_checked_definition_are_looked_up_by_their_exact_names() -> None:
    from rai_toolkit.questionnaires.expressions import Answers

    assert is_true("{q1} = 1", Answers({"q1": 1}))
    assert is_true("{q2} empty", Answers({"q1": 1}))
    # A plain mapping is searched ignoring case, as SurveyJS does; Answers need not be.
    assert is_true("{Q1} = 1", {"q1": 1}) and not is_true("{Q1} = 1", Answers({"q1": 1}))
