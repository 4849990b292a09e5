"""SurveyJS expressions (``visibleIf``, ``calculatedValues``...) evaluated in Python.

The grammar and the results follow SurveyJS's own ``survey-core`` 3.1.1, quirks included, and
``tests/test_expressions_differential.py`` checks that against survey-core itself. Where
survey-core surprises, a short comment says so. ``None`` stands for JavaScript's ``undefined``
and ``null`` alike.

Only the functions in ``FUNCTIONS`` exist: any other name is refused when parsing, because an
expression we cannot run must not silently evaluate to "empty".
"""

from __future__ import annotations

import functools
import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["FUNCTIONS", "Expression", "ExpressionError", "evaluate", "is_true", "parse"]


class ExpressionError(ValueError):
    """An expression that cannot be parsed, or calls a function we do not have."""

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(f"{reason} (at position {position})")
        self.reason = reason
        self.position = position


# ---------------------------------------------------------------------------------------------
# JavaScript's value semantics, as far as survey-core leans on them.

_JS_SPACE = " \t\n\r\x0b\x0c\xa0\ufeff\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
_DECIMAL = r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
_NUMBER_LITERAL = re.compile(rf"{_DECIMAL}\Z")
_FLOAT_PREFIX = re.compile(_DECIMAL)
_RADIX_LITERAL = re.compile(r"0([xXoObB])([0-9a-zA-Z]+)\Z")
_RADIXES = {"x": 16, "o": 8, "b": 2}
_NAN = math.nan


def _is_num(value: Any) -> bool:
    """JavaScript's ``typeof value === "number"``."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def _num_str(x: float) -> str:
    """JavaScript's Number#toString."""
    if isinstance(x, int) and abs(x) < 10**21:
        return str(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(x))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    k, n = len(digits), int(exponent) + len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mantissa}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"


def _to_str(value: Any) -> str:
    """JavaScript's String(value)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_num(value):
        return _num_str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ",".join("" if item is None else _to_str(item) for item in value)
    return "[object Object]"


def _to_number(value: Any) -> float:
    """JavaScript's Number(value)."""
    if value is None:
        return _NAN
    if isinstance(value, bool):
        return 1 if value else 0
    if _is_num(value):
        return float(value) if abs(value) > 2**53 else value
    if isinstance(value, list | dict):
        return _to_number(_to_str(value))
    text = _trim(str(value))
    if not text:
        return 0
    if _NUMBER_LITERAL.match(text):
        return float(text.replace("Infinity", "inf"))
    radix = _RADIX_LITERAL.match(text)
    if radix:
        try:
            return int(radix.group(2), _RADIXES[radix.group(1).lower()])
        except ValueError:
            return _NAN
    return _NAN


def _parse_float(value: Any) -> float:
    """JavaScript's parseFloat(value)."""
    match = _FLOAT_PREFIX.match(_to_str(value).lstrip(_JS_SPACE))
    if not match:
        return _NAN
    return float(match.group().replace("Infinity", "inf"))


def _truthy(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value != ""
    if _is_num(value):
        return not math.isnan(value) and value != 0
    return True if isinstance(value, list | dict) else bool(value)


def _to_primitive(value: Any) -> Any:
    return _to_str(value) if isinstance(value, list | dict) else value


def _loose_equal(a: Any, b: Any) -> bool:
    """JavaScript's ``a == b``."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list | dict) and isinstance(b, list | dict):
        return a is b
    a, b = _to_primitive(a), _to_primitive(b)
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    return _to_number(a) == _to_number(b)


def _less(a: Any, b: Any) -> bool:
    """JavaScript's ``a < b``."""
    a, b = _to_primitive(a), _to_primitive(b)
    if isinstance(a, str) and isinstance(b, str):
        return a < b
    x, y = _to_number(a), _to_number(b)
    return x < y


def _plus(a: Any, b: Any) -> Any:
    """JavaScript's ``a + b``."""
    a, b = _to_primitive(a), _to_primitive(b)
    if isinstance(a, str) or isinstance(b, str):
        return _to_str(a) + _to_str(b)
    return _number(_to_number(a) + _to_number(b))


def _number(x: float) -> float:
    """Keep integers exact only where a JavaScript double would be."""
    if isinstance(x, int) and not isinstance(x, bool) and abs(x) > 2**53:
        return float(x)
    return x


class _Undefined:
    """JavaScript's undefined where it differs from null: only "[] = undefined" is true."""

    def __repr__(self) -> str:
        return "undefined"


_UNDEFINED = _Undefined()


def _defined(value: Any) -> Any:
    return None if value is _UNDEFINED else value


class _JavaScriptError(Exception):
    """Where survey-core itself would throw while evaluating; evaluate() then gives None."""


def _to_fixed(x: Any, digits: int) -> float:
    """parseFloat(x.toFixed(digits)): JavaScript rounds halves away from zero."""
    if not _is_num(x):
        raise _JavaScriptError("toFixed is not a function")
    if math.isnan(x) or math.isinf(x) or abs(x) >= 1e21:
        return float(x)
    rounded = Decimal(x).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return float(rounded)


# ---------------------------------------------------------------------------------------------
# survey-core's helpers (Helpers.*, OperandMaker.*), as they behave.


def _get_number(value: Any) -> float:
    """Helpers.getNumber: a number, or NaN."""
    if isinstance(value, str):
        value = _trim(value)
        if not value:
            return _NAN
        if value.startswith("0x"):
            if len(value) > 32:
                return _NAN
            hex_digits = re.match(r"[0-9a-fA-F]*", value[2:])
            return int(hex_digits.group(), 16) if hex_digits and hex_digits.group() else _NAN
        if len(value) > 15 and re.fullmatch(r"[0-9]+", value):
            return _NAN  # long digit strings (identifiers, phone numbers) stay text
        if _has_operator(value):
            return _NAN
        if value.count(",") == 1:
            value = value.replace(",", ".")
    result = _parse_float(value)
    if math.isnan(result) or not math.isfinite(_to_number(value)):
        return _NAN
    return result


def _has_operator(text: str) -> bool:
    if text.rfind("-") > 0 or text.rfind("+") > 0:
        return False
    return any(op in text for op in "*^/%")


def _is_number(value: Any) -> bool:
    return not math.isnan(_get_number(value))


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _is_empty(value: Any) -> bool:
    """Helpers.isValueEmpty: 0 and false are answers; an object of empty answers is empty."""
    if isinstance(value, list):
        return not value
    if isinstance(value, dict):
        return all(_is_empty(item) for item in value.values())
    return value is None or value == "" or _is_nan(value)


def _count_decimals(value: Any) -> int:
    if not _is_number(value) or (_is_num(value) and math.floor(value) == value):
        return 0
    # Numeric strings count too: "2.50" has two decimals.
    parts = _to_str(value).split(".")
    return len(parts[1]) if len(parts) > 1 else 0


def _after_plus_minus(a: Any, b: Any, result: Any) -> Any:
    """Round away float noise, so that 0.1 + 0.2 is 0.3 as in survey-core."""
    digits = max(_count_decimals(a), _count_decimals(b))
    return _to_fixed(result, digits) if digits > 0 else result


def _after_multiply(a: Any, b: Any, result: Any) -> Any:
    digits = _count_decimals(a) + _count_decimals(b)
    return _to_fixed(result, digits) if digits > 0 else result


def _equal(x: Any, y: Any) -> bool:
    """Helpers.isTwoValueEquals as survey-core's "=" calls it (array order ignored)."""
    if _strict_equal(x, y):
        return True
    if (x is None and y == "") or (y is None and x == ""):
        return True
    if isinstance(x, str) and isinstance(y, str):
        # Answers compare case-insensitively and without surrounding spaces: 'Yes' = ' yes '.
        return _trim(x).lower() == _trim(y).lower()
    if _convertible_to_number(x) and _convertible_to_number(y):
        a, b = _parse_int(x), _parse_int(y)
        if a == b and _parse_float(x) == _parse_float(y):
            return True
    if _is_empty(x) != _is_empty(y):
        return False
    if isinstance(x, bool) and isinstance(y, str):
        return _to_str(x) == y.lower()
    if isinstance(y, bool) and isinstance(x, str):
        return _to_str(y) == x.lower()
    if not isinstance(x, list | dict) and not isinstance(y, list | dict):
        return _loose_equal(x, y)
    if not isinstance(x, list | dict) or not isinstance(y, list | dict):
        return False
    if isinstance(x, list) and isinstance(y, list):
        return _arrays_equal(x, y)
    if isinstance(x, list) or isinstance(y, list):
        return False
    assert isinstance(x, dict) and isinstance(y, dict)
    return x.keys() == y.keys() and all(_equal(x[key], y[key]) for key in x)


def _strict_equal(x: Any, y: Any) -> bool:
    """JavaScript's ``x === y`` (None standing for both null and undefined)."""
    if _is_num(x) and _is_num(y):
        return bool(x == y)
    if isinstance(x, str) and isinstance(y, str):
        return x == y
    return x is y  # None, booleans, and the same list or object


def _arrays_equal(x: list[Any], y: list[Any]) -> bool:
    if len(x) != len(y):
        return False
    left, right = _js_sorted(x), _js_sorted(y)
    return all(_equal(a, b) for a, b in zip(left, right, strict=True))


def _js_sorted(items: list[Any]) -> list[Any]:
    """Array#sort without a comparator: by String(item), stable."""
    return sorted(items, key=_to_str)


def _convertible_to_number(value: Any) -> bool:
    if value is None or isinstance(value, list):
        return False
    return not math.isnan(_to_number(value))


def _parse_int(value: Any) -> float:
    text = _to_str(value).lstrip(_JS_SPACE)
    hexadecimal = re.match(r"([+-]?)0[xX]([0-9a-fA-F]+)", text)
    if hexadecimal:
        return int(hexadecimal.group(1) + hexadecimal.group(2), 16)
    match = re.match(r"[+-]?\d+", text)
    return int(match.group()) if match else _NAN


def _contains(left: Any, right: Any, wanted: bool = True) -> bool:
    """containsCore: substring for text (any case), membership for a list."""
    if isinstance(left, list) and not left:
        return not wanted
    if left is None or left == "" or _is_nan(left):
        return False  # the same for "notcontains": only its caller's shortcut says true
    if not isinstance(left, str | list):
        left = _to_str(left)  # even an object: survey-core searches "[object Object]"
    if isinstance(left, str):
        if not _truthy(right):
            return False
        found = _to_str(right).lower() in left.lower()
        return found == wanted
    for expected in right if isinstance(right, list) else [right]:
        if not any(_operand_equal(item, expected) for item in left):
            return not wanted
    return wanted


def _notcontains(left: Any, right: Any) -> bool:
    if not _truthy(left) and not _is_empty(right):
        return True
    return _contains(left, right, wanted=False)


def _anyof(left: Any, right: Any) -> bool:
    if _is_empty(left) and _is_empty(right):
        return True
    if _is_empty(left) or (isinstance(left, str) and not left):
        return False
    if _is_empty(right):
        return True
    if not isinstance(left, list):
        return _contains(right, left)
    if not isinstance(right, list):
        return _contains(left, right)
    return any(_contains(left, item) for item in right)


def _allof(left: Any, right: Any) -> bool:
    if not _truthy(left) and not _is_empty(right):
        return False
    if not isinstance(right, list):
        return _contains(left, right)
    return all(_contains(left, item) for item in right)


def _less_than(left: Any, right: Any) -> bool:
    left, right = _defined(left), _defined(right)
    if left is None or right is None:
        return False
    return _less(left, right)


def _for_arithmetic(value: Any, other: Any) -> Any:
    # An unanswered operand takes the neutral value of the other side's type: {x} + 1 is 1.
    if not _is_empty(value):
        return value
    if _is_num(other):
        return 0
    if isinstance(value, str):
        return value
    if isinstance(other, str):
        return ""
    if isinstance(other, list):
        return []
    return 0


def _sum_any(a: Any, b: Any) -> Any:
    if not _is_number(a) or not _is_number(b):
        if isinstance(a, list) and isinstance(b, list):
            return a + b
        if isinstance(a, list) or isinstance(b, list):
            array, other = (a, b) if isinstance(a, list) else (b, a)
            if isinstance(other, str):
                joined = ", ".join(_to_str(item) for item in array)
                return joined + other if array is a else other + joined
            if _is_num(other):
                total: Any = 0
                for item in array:
                    if _is_num(item):
                        total = _after_plus_minus(total, item, total + item)
                return _after_plus_minus(total, other, total + other)
        return _plus(a, b)
    if isinstance(a, str) or isinstance(b, str):
        return _plus(a, b)
    return _after_plus_minus(a, b, _plus(a, b))


def _minus(a: Any, b: Any) -> Any:
    return _after_plus_minus(a, b, _number(_to_number(a) - _to_number(b)))


def _multiply(a: Any, b: Any) -> Any:
    return _after_multiply(a, b, _number(_to_number(a) * _to_number(b)))


def _divide(a: Any, b: Any) -> Any:
    if not _truthy(b):
        return None
    x, y = _to_number(a), _to_number(b)
    if y:
        return x / y
    if x == 0 or math.isnan(x):
        return _NAN
    return math.copysign(math.inf, math.copysign(1, x) * math.copysign(1, y))


def _modulo(a: Any, b: Any) -> Any:
    if not _truthy(b):
        return None
    x, y = _to_number(a), _to_number(b)
    if math.isnan(x) or math.isnan(y) or math.isinf(x) or y == 0:
        return _NAN
    if math.isinf(y):
        return x
    result = math.fmod(x, y)
    return int(result) if isinstance(x, int) and isinstance(y, int) else result


def _power(a: Any, b: Any) -> Any:
    """Math.pow, whose NaN and infinity rules differ from Python's."""
    x, y = _to_number(a), _to_number(b)
    if math.isnan(y):
        return _NAN
    if y == 0:
        return 1
    if math.isnan(x) or (abs(x) == 1 and math.isinf(y)):
        return _NAN
    odd = float(y).is_integer() and abs(y) < 2**53 and int(y) % 2 == 1
    if isinstance(x, int) and isinstance(y, int) and 0 < y <= 64 and abs(x) < 2**16:
        return _number(x**y)
    try:
        return math.pow(x, y)
    except OverflowError:
        return -math.inf if x < 0 and odd else math.inf
    except ValueError:
        if x == 0:  # a negative power of zero
            return math.copysign(math.inf, x) if odd else math.inf
        return _NAN  # a fractional power of a negative number


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "or": lambda a, b: a if _truthy(a) else b,
    "and": lambda a, b: b if _truthy(a) else a,
    "plus": _sum_any,
    "minus": _minus,
    "mul": _multiply,
    "div": _divide,
    "mod": _modulo,
    "power": _power,
}


def _operand_equal(x: Any, y: Any) -> bool:
    """The "=" operator: the text 'undefined' means undefined, which equals an empty list."""
    x = _UNDEFINED if x == "undefined" else x
    y = _UNDEFINED if y == "undefined" else y
    if (x is _UNDEFINED and y == []) or (y is _UNDEFINED and x == []):
        return True
    return _equal(_defined(x), _defined(y))


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "equal": _operand_equal,
    "notequal": lambda a, b: not _operand_equal(a, b),
    "less": _less_than,
    "greater": lambda a, b: _less_than(b, a),
    "lessorequal": lambda a, b: _operand_equal(a, b) or _less_than(a, b),
    "greaterorequal": lambda a, b: _operand_equal(a, b) or _less_than(b, a),
    "contains": _contains,
    "notcontains": _notcontains,
    "anyof": _anyof,
    "allof": _allof,
    "noneof": lambda a, b: not _anyof(a, b),
}


def _correct_value(value: Any) -> Any:
    """Const.getCorrectValue: what survey-core makes of a literal or an answer."""
    if not isinstance(value, str) or not value:
        return value
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    if len(value) > 1 and value[0] in "'\"" and value[-1] in "'\"":
        return value[1:-1]
    if _is_number(value):
        # A leading zero keeps the text: "05" stays "05", "0.5" becomes 0.5.
        if value[0] == "0" and not value.startswith("0x") and value[1:2] not in ("", ".", ","):
            return value
        return _number_value(_get_number(value))
    return value


def _number_value(x: float) -> float:
    return int(x) if isinstance(x, float) and x.is_integer() and abs(x) <= 2**53 else x


# ---------------------------------------------------------------------------------------------
# Functions. Parameters arrive evaluated.


def _fn_iif(params: list[Any]) -> Any:
    if len(params) < 2:
        return None
    if _truthy(_defined(params[0])):
        return params[1]
    return params[2] if len(params) > 2 else _UNDEFINED  # iif(false, x) is undefined


def _flatten(params: Sequence[Any]) -> Iterator[Any]:
    """getParamsAsArray: lists flattened, undefined dropped, numeric text made a number."""
    for param in params:
        if isinstance(param, list):
            yield from _flatten(param)
        elif param is not None:
            yield _number_value(_get_number(param)) if _is_number(param) else param


def _fn_sum(params: list[Any]) -> Any:
    total: Any = 0
    for value in _flatten(params):
        # Text that is not a number is concatenated, as JavaScript's "+" does.
        total = _after_plus_minus(total, value, _plus(total, value))
    return total


def _fn_count(params: list[Any]) -> Any:
    return sum(1 for _ in _flatten(params))


def _in_array(params: list[Any]) -> Iterator[Any]:
    """The non-empty ``name`` field of each row of a matrix or dynamic panel answer."""
    if len(params) < 2 or not _truthy(params[0]) or not isinstance(params[1], str):
        return
    rows = params[0]
    if isinstance(rows, dict):
        rows = list(rows.values())
    if not isinstance(rows, list):
        return
    for row in rows:
        if isinstance(row, dict) and not _is_empty(row.get(params[1])):
            yield row[params[1]]


def _fn_sum_in_array(params: list[Any]) -> Any:
    total: Any = 0
    for value in _in_array(params):
        if isinstance(value, str):
            if not _is_number(value):
                continue  # text that is not a number is skipped here, unlike in sum()
            value = _number_value(_get_number(value))
        total = _after_plus_minus(total, value, _plus(total, value))
    return total


def _fn_count_in_array(params: list[Any]) -> Any:
    return sum(1 for _ in _in_array(params))


FUNCTIONS: dict[str, Callable[[list[Any]], Any]] = {
    "iif": _fn_iif,
    "sum": _fn_sum,
    "count": _fn_count,
    "sumInArray": _fn_sum_in_array,
    "countInArray": _fn_count_in_array,
}


# ---------------------------------------------------------------------------------------------
# Syntax tree.

Values = Mapping[str, Any]


class _Node(ABC):
    @abstractmethod
    def evaluate(self, values: Values) -> Any: ...

    def children(self) -> Sequence[_Node]:
        return ()


class _Null(_Node):
    """``null``/``undefined`` literals and a missing right operand of ``contains``..."""

    def __init__(self, position: int) -> None:
        self.position = position

    def evaluate(self, values: Values) -> Any:
        return None


class _Const(_Node):
    def __init__(self, value: Any) -> None:
        self.value = _correct_value(value)

    def evaluate(self, values: Values) -> Any:
        return self.value


class _Variable(_Node):
    def __init__(self, name: str) -> None:
        # "{#name}" asks for the answer unconverted.
        self.raw = len(name) > 1 and name[0] == "#"
        self.name = name[1:] if self.raw else name

    def evaluate(self, values: Values) -> Any:
        found, value = _lookup(values, self.name)
        if not found:
            return _json_object(self.name)
        return value if self.raw else _correct_value(value)


class _Array(_Node):
    def __init__(self, items: list[_Node]) -> None:
        self.items = items

    def evaluate(self, values: Values) -> Any:
        return [_defined(item.evaluate(values)) for item in self.items]

    def children(self) -> Sequence[_Node]:
        return self.items


class _Call(_Node):
    def __init__(self, name: str, params: _Array, position: int) -> None:
        self.name = name
        self.params = params
        self.position = position

    def evaluate(self, values: Values) -> Any:
        params = [item.evaluate(values) for item in self.params.items]
        if self.name != "iif":  # iif hands its chosen argument on as it is, undefined included
            params = [_defined(param) for param in params]
        return FUNCTIONS[self.name](params)

    def children(self) -> Sequence[_Node]:
        return [self.params]


class _Unary(_Node):
    def __init__(self, operator: str, operand: _Node) -> None:
        self.operator = operator
        self.operand = operand

    def evaluate(self, values: Values) -> Any:
        value = _defined(self.operand.evaluate(values))
        if self.operator == "empty":
            return _is_empty(value)
        if self.operator == "notempty":
            return not _is_empty(value)
        return not _truthy(value)

    def children(self) -> Sequence[_Node]:
        return [self.operand]


class _Binary(_Node):
    def __init__(self, operator: str, left: _Node, right: _Node, arithmetic: bool) -> None:
        self.operator = operator
        self.left = left
        self.right = right
        self.arithmetic = arithmetic

    def evaluate(self, values: Values) -> Any:
        left = self.left.evaluate(values)
        right = self.right.evaluate(values)
        if self.operator not in ("equal", "notequal", "lessorequal", "greaterorequal"):
            left, right = _defined(left), _defined(right)
        if self.arithmetic:
            left = _for_arithmetic(left, right)
            right = _for_arithmetic(right, left)  # against the converted left, as survey-core
            return _ARITHMETIC[self.operator](left, right)
        return _COMPARISONS[self.operator](left, right)

    def children(self) -> Sequence[_Node]:
        return [self.left, self.right]


def _walk(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children():
        yield from _walk(child)


# ---------------------------------------------------------------------------------------------
# Answers.


def _lookup(values: Values, name: str) -> tuple[bool, Any]:
    """Find ``name`` ("q1", "matrix.row", "panel[0].q", "cb.length") in the answers.

    Names match case-insensitively, and a key holding dots ("a.b") wins over a path (a → b).
    """
    if "." not in name and "[" not in name:
        if name in values:  # exact, as a definition never has two names equal but for case
            return True, values[name]
        if type(values) is Answers:
            return False, None
    path = [_path_item(part) for part in name.split(".")]
    value: Any = values
    start = 0
    while start < len(path):
        end = next((i for i in range(start, len(path)) if path[i][1] is not None), len(path) - 1)
        for stop in range(end, start - 1, -1):
            found, item = _item(value, ".".join(part for part, _ in path[start : stop + 1]))
            if found:
                break
        else:
            if name.endswith(".length"):
                return True, 0  # survey-core: anything missing has length 0
            return False, None
        value, index, start = item, path[stop][1], stop + 1
        if index is not None:
            if not isinstance(value, list):
                return False, None
            index = index + len(value) if index < 0 else index
            if not -1 < index < len(value):
                return False, None
            value = value[int(index)] if float(index).is_integer() else None
    return True, value


def _path_item(part: str) -> tuple[str, float | None]:
    """ "q[1]" is ("q", 1); an index that is not a number stays part of the name."""
    opening = part.rfind("[")
    if part.endswith("]") and opening > -1:
        index = _get_number(part[opening + 1 : -1])
        if not math.isnan(index):
            return part[:opening], index
    return part, None


def _item(container: Any, name: str) -> tuple[bool, Any]:
    if not _truthy(container) or not name:
        return False, None
    if name == "length" and isinstance(container, list | str):
        return True, len(container)
    if isinstance(container, list):
        container = dict(enumerate(container))
    if not isinstance(container, Mapping):
        return False, None
    lowered = name.lower()
    matches = [key for key in container if str(key).lower() == lowered]
    if len(matches) == 1:
        return True, container[matches[0]]
    for key, item in _js_items(container):  # several keys equal but for case: the first wins
        if key.lower() == lowered:
            return True, item
    return False, None


def _js_items(container: Mapping[Any, Any]) -> list[tuple[str, Any]]:
    """An object's entries in JavaScript's order: array indices first, ascending."""
    items = [(str(key), item) for key, item in container.items()]
    indices = [(k, v) for k, v in items if k.isdigit() and (k == "0" or k[0] != "0")]
    others = [(k, v) for k, v in items if not (k.isdigit() and (k == "0" or k[0] != "0"))]
    return sorted(indices, key=lambda entry: int(entry[0])) + others


def _json_object(name: str) -> Any:
    """A missing "{a: 1}"-like name is read as a JSON object, as survey-core does."""
    if len(name) < 2 or name.find(":") < 1:
        return None
    try:
        return json.loads("{" + name + "}", parse_constant=_refuse_constant)
    except ValueError:
        return None


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


# ---------------------------------------------------------------------------------------------
# Parser: a PEG, mirroring survey-core's grammar rule by rule, so that the same texts parse.

_SPACE = " \t\n\r"
_WORD = re.compile(r"[a-zA-Z_][a-zA-Z_0-9]*")
_DIGITS = re.compile(r"[0-9]+")
_WHOLE = re.compile(r"[1-9][0-9]*")
_NAME = re.compile(r"[^{}]+")
# survey-core rewrites these before parsing, even inside strings.
_PATCHES = (("=>", ">="), ("=<", "<="), ("<>", "!="), ("equals", "equal "))

_OR = (("||", False, "or"), ("or", True, "or"))
_AND = (("&&", False, "and"), ("and", True, "and"))
_COMPARE = (
    ("<=", False, "lessorequal"),
    ("lessorequal", True, "lessorequal"),
    (">=", False, "greaterorequal"),
    ("greaterorequal", True, "greaterorequal"),
    ("==", False, "equal"),
    ("equal", True, "equal"),
    ("=", False, "equal"),
    ("!=", False, "notequal"),
    ("notequal", True, "notequal"),
    ("<", False, "less"),
    ("less", True, "less"),
    (">", False, "greater"),
    ("greater", True, "greater"),
)
_PLUS_MINUS = (("+", False, "plus"), ("-", False, "minus"))
_MUL_DIV = (("*", False, "mul"), ("/", False, "div"), ("%", False, "mod"))
_POWER = (("^", False, "power"), ("power", True, "power"))
_BINARY_FUNCTIONS = (
    ("*=", False, "contains"),
    ("contains", True, "contains"),
    ("contain", True, "contains"),
    ("notcontains", True, "notcontains"),
    ("notcontain", True, "notcontains"),
    ("anyof", True, "anyof"),
    ("allof", True, "allof"),
    ("noneof", True, "noneof"),
)
_POSTFIX = (("empty", True, "empty"), ("notempty", True, "notempty"))
_NOT = (("!", False, "negate"), ("negate", True, "negate"))

_Signs = tuple[tuple[str, bool, str], ...]


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.furthest = 0  # where the deepest attempt failed: the error position

    def parse(self) -> _Node:
        node = self.expression()
        if node is None or self.pos < len(self.text):
            self.fail_at(self.pos)
            at = self.furthest
            reason = f"unexpected {self.text[at]!r}" if at < len(self.text) else "unexpected end"
            if re.search(r"\bnot\s*$", self.text[:at], re.IGNORECASE):
                reason += " (there is no 'not' operator: use '!')"
            raise ExpressionError(reason, at)
        if isinstance(node, _Null):
            raise ExpressionError("the expression is only null", node.position)
        return node

    # -- terminals

    def fail_at(self, position: int) -> None:
        self.furthest = max(self.furthest, position)

    def space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
            self.pos += 1

    def literal(self, word: str, ignore_case: bool = False) -> bool:
        chunk = self.text[self.pos : self.pos + len(word)]
        if chunk == word or (ignore_case and chunk.lower() == word):
            self.pos += len(word)
            return True
        self.fail_at(self.pos)
        return False

    def sign(self, signs: _Signs) -> str | None:
        for word, ignore_case, name in signs:
            if self.literal(word, ignore_case):
                return name
        return None

    def pattern(self, regex: re.Pattern[str]) -> str | None:
        match = regex.match(self.text, self.pos)
        if not match:
            self.fail_at(self.pos)
            return None
        self.pos = match.end()
        return match.group()

    # -- rules, named as in survey-core's grammar

    def expression(self) -> _Node | None:
        start = self.pos
        self.space()
        node = self.chain(self.logic_or, _OR, arithmetic=True)
        if node is None:
            self.pos = start
            return None
        self.space()
        return node

    def logic_or(self) -> _Node | None:
        return self.chain(self.logic_and, _AND, arithmetic=True)

    def logic_and(self) -> _Node | None:
        return self.chain(self.comp_ops, _COMPARE, arithmetic=False)

    def comp_ops(self) -> _Node | None:
        return self.chain(self.plus_minus_ops, _PLUS_MINUS, arithmetic=True)

    def plus_minus_ops(self) -> _Node | None:
        return self.chain(self.mul_div_ops, _MUL_DIV, arithmetic=True)

    def mul_div_ops(self) -> _Node | None:
        return self.chain(self.binary_func_op, _POWER, arithmetic=True)

    def binary_func_op(self) -> _Node | None:
        return self.chain(self.factor, _BINARY_FUNCTIONS, arithmetic=False, optional_right=True)

    def chain(
        self,
        operand: Callable[[], _Node | None],
        signs: _Signs,
        arithmetic: bool,
        optional_right: bool = False,
    ) -> _Node | None:
        """``head (_ sign _ operand)*``, folded to the left, as survey-core does."""
        node = operand()
        if node is None:
            return None
        while True:
            start = self.pos
            self.space()
            operator = self.sign(signs)
            if operator is None:
                self.pos = start
                return node
            self.space()
            right = operand()
            if right is None:
                if not optional_right:
                    self.pos = start
                    return node
                right = _Null(self.pos)  # survey-core accepts "{q} contains": with nothing
            node = _Binary(operator, node, right, arithmetic)

    def factor(self) -> _Node | None:
        start = self.pos
        if self.literal("("):
            self.space()
            inner = self.expression()
            if inner is not None:
                self.space()
                self.literal(")")  # survey-core lets the closing parenthesis go missing
                return inner
            self.pos = start
        for alternative in (self.function_op, self.unary_function_op, self.atom, self.array_op):
            node = alternative()
            if node is not None:
                return node
            self.pos = start
        return None

    def function_op(self) -> _Node | None:
        start = self.pos
        name = self.pattern(_WORD)
        if name is None or not self.literal("("):
            self.pos = start
            return None
        params = self.sequence()
        self.literal(")")  # optional, as for parentheses
        return _Call(name, params, start)

    def unary_function_op(self) -> _Node | None:
        start = self.pos
        if self.sign(_NOT):
            self.space()
            operand = self.factor()
            if operand is not None:
                return _Unary("negate", operand)
            self.pos = start
        atom = self.atom()
        if atom is not None:
            self.space()
            operator = self.sign(_POSTFIX)
            if operator is not None:
                return _Unary(operator, atom)
        self.pos = start
        return None

    def atom(self) -> _Node | None:
        start = self.pos
        self.space()
        at = self.pos
        if self.literal("undefined") or self.literal("null"):
            return _Null(at)
        after_space = self.pos
        const = self.const_value()
        if const is not None:
            return const
        self.pos = after_space
        if self.literal("{"):
            name = self.pattern(_NAME)
            if name is not None and self.literal("}"):
                return _Variable(name)
        self.pos = start
        return None

    def const_value(self) -> _Node | None:
        start = self.pos
        for word, value in (("true", True), ("false", False)):
            if self.literal(word, ignore_case=True):
                return _Const(value)
        number = self.arithmetic_value()
        if number is not None:
            return _Const(number)
        self.pos = start
        bare_word = self.pattern(_WORD)  # survey-core reads an unquoted word as text
        if bare_word is not None:
            return _Const(bare_word)
        if self.literal("''") or self.literal('""'):
            return _Const("")
        for quote in "'\"":
            if self.literal(quote):
                text = self.any_input()
                if text is not None and self.literal(quote):
                    return _Const(quote + text + quote)
            self.pos = start
        return None

    def arithmetic_value(self) -> float | None:
        start = self.pos
        if self.literal("0x"):
            digits = self.pattern(_DIGITS)
            if digits is not None:
                return int(digits, 16)
            self.pos = start
        negative = self.literal("-")
        number = self.number()
        if number is None:
            self.pos = start
            return None
        if negative:
            return -float(number) if number == 0 else -number  # keep JavaScript's -0
        return number

    def number(self) -> float | None:
        start = self.pos
        if self.pattern(_DIGITS) and self.literal(".") and self.pattern(_DIGITS):
            return float(self.text[start : self.pos])
        self.pos = start
        whole = self.pattern(_WHOLE)
        if whole is not None:
            return int(whole)
        if self.literal("0"):
            return 0
        return None

    def any_input(self) -> str | None:
        chars: list[str] = []
        while self.pos < len(self.text):
            if self.text.startswith(("\\'", '\\"'), self.pos):
                chars.append(self.text[self.pos + 1])
                self.pos += 2
            elif self.text[self.pos] not in "'\"":
                chars.append(self.text[self.pos])
                self.pos += 1
            else:
                break
        self.fail_at(self.pos)
        return "".join(chars) if chars else None

    def array_op(self) -> _Node | None:
        start = self.pos
        if self.literal("["):
            items = self.sequence()
            if self.literal("]"):
                return items
        self.pos = start
        return None

    def sequence(self) -> _Array:
        first = self.expression()
        items: list[_Node] = [] if first is None else [first]
        while True:
            start = self.pos
            self.space()
            if not self.literal(","):
                self.pos = start
                break
            self.space()
            item = self.expression()
            if item is None:
                self.pos = start
                break
            items.append(item)
        # survey-core drops the whole list when its first item is missing or null.
        if first is None or isinstance(first, _Null):
            return _Array([])
        return _Array(items)


def _check(root: _Node) -> None:
    """Refuse what survey-core parses but cannot run, and functions we do not have."""
    for node in _walk(root):
        if isinstance(node, _Call) and node.name not in FUNCTIONS:
            hint = " (there is no 'not' operator: use '!')" if node.name.lower() == "not" else ""
            raise ExpressionError(f"unknown function {node.name!r}{hint}", node.position)
        # Their third and fourth parameters (a row filter as text...) are not supported.
        if isinstance(node, _Call) and node.name.endswith("InArray") and len(node.params.items) > 2:
            raise ExpressionError(f"{node.name} takes two parameters", node.position)
        # survey-core crashes on a null under "!"/"empty" or further down a list.
        nulls: Sequence[_Node] = ()
        if isinstance(node, _Unary):
            nulls = [node.operand]
        elif isinstance(node, _Array):
            nulls = node.items
        for child in nulls:
            if isinstance(child, _Null):
                raise ExpressionError("null cannot be used here", child.position)


# ---------------------------------------------------------------------------------------------
# Public API.


class Answers(dict[str, Any]):
    """Answers keyed by the questionnaire's own names. Expressions of a checked definition name
    questions exactly, so a missing name needs no case-insensitive search of every key."""


class Expression:
    """A parsed expression: evaluate it as often as needed without parsing again."""

    def __init__(self, text: str, root: _Node) -> None:
        self.text = text
        self._root = root

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """The value, as survey-core's ExpressionRunner computes it. Never raises."""
        try:
            result = _defined(self._root.evaluate(values))
        except (_JavaScriptError, ArithmeticError, TypeError, ValueError, RecursionError):
            return None
        return _finite(result)

    def is_true(self, values: Mapping[str, Any]) -> bool:
        """What survey-core's ConditionRunner returns: ``value == true`` in JavaScript."""
        return _loose_equal(self.evaluate(values), True)

    def variables(self) -> frozenset[str]:
        return frozenset(
            re.split(r"[.\[]", node.name, maxsplit=1)[0]
            for node in _walk(self._root)
            if isinstance(node, _Variable)
        )

    def functions(self) -> frozenset[str]:
        return frozenset(node.name for node in _walk(self._root) if isinstance(node, _Call))


def _finite(value: Any) -> Any:
    """NaN and infinities have no place in answers: they become None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Expression:
    """Parse ``text`` once; raises ExpressionError with the position of the problem."""
    patched = text
    for old, new in _PATCHES:
        patched = patched.replace(old, new)
    try:
        root = _Parser(patched).parse()
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply", 0) from None
    _check(root)
    return Expression(text, root)


def evaluate(text: str, values: Mapping[str, Any]) -> Any:
    return parse(text).evaluate(values)


def is_true(text: str, values: Mapping[str, Any]) -> bool:
    return parse(text).is_true(values)
