"""The plan model: pydantic classes for everything a partnership publishes.

No MkDocs imports here or anywhere in the domain code: the hooks adapt it.
"""
from .actions import Action, ActionStatus, Issue, Milestone, ProgressUpdate
from .base import FlexDate, Link, Model, Period, Section
from .edition import (
    Change,
    Consultation,
    DevelopmentAction,
    Edition,
    EditionStatus,
    EmergingIssue,
    Finding,
    FlagDefinition,
    MeasuredChange,
    Meeting,
    Priority,
    RegionalAssessment,
    StrategicAssessment,
    Strand,
    Theme,
    WaysOfWorking,
    YouSaidWeDid,
)
from .indicators import Direction, Indicator, PeriodValue, Unit, Value
from .partnership import Area, Contact, Country, Language, Partnership, RegionalBoard
from .people import Group, Lead, Member, Organisation
from .updates import UpdateFile

__all__ = [name for name in dir() if not name.startswith("_")]
