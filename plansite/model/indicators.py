"""Indicators: how the partnership measures progress, with targets and results by period."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from .base import Bool, Model, Number, PeriodLabel, Ref, Text, WordEnum, enum_field, word_enum


@word_enum("direction", {"lower is better": ("lower", "down", "reduce"), "higher is better": ("higher", "up", "increase")})
class Direction(WordEnum):
    LOWER = "lower is better"
    HIGHER = "higher is better"


@word_enum("unit", {
    "percentage": ("percent", "%"),
    "rate per 1,000 population": ("rate per 1000 population", "per 1,000 population", "per 1000"),
    "index score": ("index",),
})
class Unit(WordEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE_PER_1000 = "rate per 1,000 population"
    INDEX_SCORE = "index score"
    LEVEL = "level"
    OTHER = "other"


class Value(Model):
    """A figure for a period: a number, the words written, or both ('No more than 142' and 142)."""

    period: PeriodLabel | None = Field(default=None, description="The period the figure is for: 2008/09 (financial year), 2009, 2009-10 (month) or 2009/10 Q2.")
    value: Number | None = Field(default=None, description="The number, e.g. 19.28. Leave out when the plan gives only words such as 'TBA'.")
    text: Text | None = Field(default=None, description="The figure as the plan writes it when that is not just the number: 'TBA', 'N/A', 'No more than 142', 'Level 3'.")
    note: Text | None = Field(default=None, description="A qualification, e.g. 'cumulative for 2007/08 and 2008/09' or 'Place Survey'.")

    # The true figure of a small count that publishing hid (plansite.publish): progress is judged on
    # it, and nothing publishes it. Private, so no model dump or download can carry it.
    _withheld: Decimal | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _has_content(self) -> Value:
        if self.value is None and self.text is None:
            raise PydanticCustomError("plansite_value_empty", "give a value (a number) or text (such as 'TBA'), or both")
        return self

    def withhold(self) -> None:
        """Hide the figure from everything published, keeping the number only to judge progress.

        Words written with it go too: "3 (provisional)" would give the number away."""
        self._withheld, self.value, self.text = self.value, None, None

    @property
    def withheld(self) -> bool:
        return self.__pydantic_private__["_withheld"] is not None

    @property
    def true_value(self) -> Decimal | None:
        """The figure to judge progress by: the number, or the hidden small count."""
        withheld = self.__pydantic_private__["_withheld"]
        return withheld if withheld is not None else self.value


class Target(Value):
    """A target. Give its period; a target the plan gives only in words ('TBA') may have none."""

    @model_validator(mode="after")
    def _period_for_numbers(self) -> Target:
        if self.value is not None and self.period is None:
            raise PydanticCustomError("plansite_target_period", "a target with a number needs its period, e.g. 2009/10")
        return self


class PeriodValue(Value):
    """A result, which always belongs to a period."""

    period: PeriodLabel = Field(description="The period: 2008/09 (financial year), 2009, 2009-10 (month) or 2009/10 Q2.")


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class OneOrMany:
    """Schema note: a single block is accepted where a list is expected."""

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        many = handler(schema)
        return {"anyOf": [many["items"], many]}


class Indicator(Model):
    """A measure of success: national indicator, local measure or survey result."""

    code: Ref | None = Field(default=None, description="The indicator's code, e.g. 'NI16', 'RE09' or a local code. Must be unique within the edition.")
    name: Text = Field(description="What is measured, in the plan's words, e.g. 'Serious acquisitive crime rate'.")
    unit: Annotated[Unit, enum_field(Unit)] | None = Field(default=None, description="count, percentage, rate per 1,000 population, index score, level or other.")
    unit_label: Text | None = Field(default=None, description="How to write the unit when unit is 'other', e.g. 'incidents per 1,000 households'.")
    direction: Annotated[Direction, enum_field(Direction)] | None = Field(default=None, description="'lower is better' or 'higher is better'. Needed to judge progress against a numeric target.")
    baseline: Annotated[list[Value], BeforeValidator(_one_or_many), OneOrMany()] = Field(default_factory=list, description="The starting figure, or several where the baseline is reset each period (a cohort refresh).")
    targets: list[Target] = Field(default_factory=list, description="Targets by period. Keep every year of a trajectory. A target given only in words ('TBA') may have no period.")
    actuals: list[PeriodValue] = Field(default_factory=list, description="Results by period, as they become known.")
    source: Text | None = Field(default=None, description="Where the figures come from, e.g. 'Police recorded crime' or 'Citizens Panel'.")
    notes: list[Text] = Field(default_factory=list, description="Notes published with the indicator.")
    actions: list[Ref] = Field(default_factory=list, description="Refs of the actions that contribute to this indicator.")
    sensitive: Bool = Field(default=False, description="True if small counts in the actuals could identify people; they are then shown as 'fewer than N' where the partnership sets a threshold.")

    @model_validator(mode="after")
    def _check(self) -> Indicator:
        if self.direction is None and any(t.value is not None for t in self.targets):
            raise PydanticCustomError(
                "plansite_direction",
                "direction is needed ('lower is better' or 'higher is better') because a target has a number",
            )
        if self.unit is Unit.OTHER and not self.unit_label:
            raise PydanticCustomError("plansite_unit_label", "unit is 'other', so give unit_label saying what it is")
        return self

    @property
    def key(self) -> str:
        return self.code or self.name
