"""The dataset descriptors (source/data/<name>.yaml): how a CSV export's own columns map
onto what the press needs, its layout, totals, groups (recorded or not) and filters."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from press.source.schema import Model, Short, Slug, Text, printable

# --- data/<name>.yaml: dataset descriptors -------------------------------------------

GROUP_COLORS = ("women", "men", "other", "accent", "muted")  # palette colors a group may take


class GroupLabel(Model):
    label: Short = Field(description="The group as printed, e.g. Women")
    not_recorded: bool = Field(
        False, description="true for the rows whose group was not recorded (sex unknown, "
        "say); such a row may be absent in a year (none)")
    in_base: bool | None = Field(
        None, description="A not-recorded group must say whether its count is part of the "
        "base of every share: true (women's share of all arrests) or false (of arrests whose "
        "sex was recorded). Recorded groups always are.")
    color: Literal["women", "men", "other", "accent", "muted"] | None = Field(
        None, description="The palette color charts draw the group in; by default women for "
        "female, men for male, other for a not-recorded group")

    @model_validator(mode="after")
    def _base_said(self) -> GroupLabel:
        if self.not_recorded and self.in_base is None:
            raise ValueError(
                "a not-recorded group must say whether it counts in the base of shares; fix: "
                "write `in_base: true` (shares of all rows, the unrecorded included) or "
                "`in_base: false` (shares of the rows whose group was recorded)")
        if not self.not_recorded and self.in_base is False:
            raise ValueError("a recorded group is always part of the base; fix: remove "
                             "`in_base: false`, or add `not_recorded: true` if the group means "
                             "the value was not recorded")
        return self

    @property
    def counted(self) -> bool:
        """Whether the group's count enters the base of a share."""
        return not self.not_recorded or bool(self.in_base)


class Columns(Model):
    unprinted = frozenset({"jurisdiction", "year", "date", "group", "count", "source"})
    jurisdiction: Short | None = None
    year: Short | None = Field(None, description="The column holding the year (2019)")
    date: Short | None = Field(
        None, description="A column holding a date (2019-03-04, 03/04/2019, or an Excel "
        "date-time), the year taken from it; instead of `year`")
    group: Short | None = None
    count: Short | None = None
    source: Short | None = None


CsvName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+\.csv$", max_length=200)]
Cell = Annotated[str, StringConstraints(max_length=200)]  # a CSV cell's value ("" an empty one)
Values = Cell | list[Cell]
TOTAL_WORDS = ("total", "totals", "all", "all persons", "all people", "all sexes", "both sexes",
               "both", "grand total", "overall", "sum", "all arrests", "total arrests")


class Dataset(Model):
    unprinted = frozenset({"path", "year_columns", "total", "filters", "exclude",
                           "ignore_columns"})
    title: Short
    path: CsvName | list[CsvName] = Field(
        description="The CSV file in data/, or a list of files read as one table (adults in "
        "one file and juveniles in another, say)")
    description: Text
    layout: Literal["long", "wide", "year-columns", "records"] = Field(
        "long", description="long: one row per place, year and group, with a count; wide: one "
        "column per group; year-columns: one row per group and one column per year, as a "
        "published table lays it out; records: one row per arrest (or arrestee), no count "
        "column, each row counts one")
    measure: Short = Field(description="What is counted, e.g. arrests")
    measure_one: Short | None = Field(
        None, description="One of what is counted, for a count of one (\"1 arrest\"): by "
        "default the measure made singular (prostitution-related arrests -> "
        "prostitution-related arrest); write it where that rule gets it wrong")
    columns: Columns
    wide_columns: dict[Slug, Short | list[Short]] = Field(
        default_factory=dict, description="wide layout: group id -> its column in the CSV, or a "
        "list of columns added together (e.g. female: [adult_female, juvenile_female])")
    year_columns: list[Short] = Field(
        default_factory=list, description="year-columns layout: the columns that hold years; "
        "by default every column whose name is a four-digit year")
    total: Values | None = Field(
        None, description="The value that marks a total row (long, year-columns and records "
        "layouts: e.g. Total), or the total column (wide layout). Totals are checked against the "
        "sum of the groups and never enter a share")
    constants: dict[Literal["jurisdiction", "source", "year"], Short] = Field(
        default_factory=dict, description="Values for columns the file does not have")
    groups: dict[Slug, GroupLabel] = Field(min_length=1)
    filters: dict[Short, Values] = Field(
        default_factory=dict, description="Keep only rows where each named column has this "
        "value (or one of these values), e.g. offense_code: [40A, 40B, 40C]")
    exclude: dict[Short, Values] = Field(
        default_factory=dict, description="Leave out rows where the named column has this "
        "value (or one of these values), e.g. agency_type: [State Police]")
    value_map: dict[Cell, Slug] = Field(
        default_factory=dict, description="Maps the file's group values (e.g. F) to group ids; "
        "\"\" is an empty cell")
    place_names: dict[Short, Short] = Field(
        default_factory=dict, description="The file's name for a place -> the name printed, "
        "e.g. \"Worcester, MA (Worcester Police Department, ORI MA01460)\": Worcester, MA")
    ignore_columns: list[Short] = Field(
        default_factory=list, description="Columns that hold counts the documents should not "
        "use (otherwise an unused count column is a warning)")
    notes: dict[Slug, Text] = Field(default_factory=dict, description="Notes by reference id")
    combine: Literal["refuse", "sum"] = Field(
        "refuse", description="Rows for the same place, year and group: refuse them as "
        "duplicates, or sum them (e.g. adults and juveniles in separate rows or files)")
    delimiter: Literal[",", ";", "\t"] = ","
    encoding: Literal["utf-8", "windows-1252"] = Field(
        "utf-8", description="The files' text encoding: utf-8 (the default), or windows-1252 "
        "for exports from older Windows programs")
    header_row: int | None = Field(
        None, ge=1, le=100, description="The line of the header row, when title lines come "
        "above it (by default the first line that has the columns named here)")
    footer_rows: int = Field(
        0, ge=0, le=100, description="Lines at the end of each file that are notes, not data "
        "(one-cell note lines below the data are recognised without this)")

    @field_validator("measure", "measure_one")
    @classmethod
    def _measure_mid_sentence(cls, value: str | None) -> str | None:
        """The measure is printed mid-sentence ("share of prostitution-related arrests"):
        "Prostitution-related arrests" is written in lower case (an acronym, NIBRS, is kept)."""
        if value is None:
            return value
        first = value.split(" ", 1)[0]
        if first[:1].isupper() and first[1:] == first[1:].lower():
            return value[:1].lower() + value[1:]
        return value

    @field_validator("place_names")
    @classmethod
    def _printable_names(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value.values():
            printable(name)
        return value

    @field_validator("value_map")
    @classmethod
    def _no_total_as_group(cls, value: dict[str, str]) -> dict[str, str]:
        for raw, group in value.items():
            if raw.strip().casefold() in TOTAL_WORDS or group in TOTAL_WORDS:
                raise ValueError(
                    f'value_map maps "{raw}" to the group "{group}", but "{raw}" marks a total '
                    "row: its count would enter every share a second time; fix: remove it from "
                    f"value_map and write `total: {raw}`")
        return value

    @field_validator("groups")
    @classmethod
    def _no_total_group(cls, value: dict[str, GroupLabel]) -> dict[str, GroupLabel]:
        for group, label in value.items():
            if group in TOTAL_WORDS or label.label.strip().casefold() in TOTAL_WORDS:
                raise ValueError(
                    f'the group "{group}" ({label.label}) looks like a total of the others: its '
                    "count would enter every share a second time; fix: remove it from `groups` "
                    "(and from value_map) and write `total:` with the value the file writes on "
                    "its total rows, e.g. total: Total")
        return value

    @property
    def paths(self) -> list[str]:
        return [self.path] if isinstance(self.path, str) else list(self.path)

    def group_columns(self) -> dict[str, list[str]]:
        """Each group's columns in a wide file (several are added together)."""
        return {group: [columns] if isinstance(columns, str) else list(columns)
                for group, columns in self.wide_columns.items()}

    @property
    def totals(self) -> list[str]:
        """The values (or, in a wide file, the columns) that mark totals."""
        return [] if self.total is None else [self.total] if isinstance(self.total, str) \
            else list(self.total)

    @property
    def recorded(self) -> list[str]:
        """The groups every place-year needs a row for before a share can be computed."""
        return [g for g, label in self.groups.items() if not label.not_recorded]

    @model_validator(mode="after")
    def _layout(self) -> Dataset:
        columns = self.columns
        if self.layout == "wide" and not self.wide_columns:
            raise ValueError("a wide layout needs `wide_columns`; fix: list each group's "
                             "column, e.g. female: total_female")
        if self.layout != "wide" and self.wide_columns:
            raise ValueError(f"`wide_columns` is only for the wide layout, and this one is "
                             f"{self.layout}; fix: set `layout: wide`, or remove `wide_columns`")
        if any(isinstance(c, list) and not c for c in self.wide_columns.values()):
            raise ValueError("a group in `wide_columns` has an empty list of columns; fix: name "
                             "at least one column, e.g. female: [adult_female, juvenile_female]")
        if self.layout in ("long", "year-columns", "records") and columns.group is None:
            raise ValueError(f"a {self.layout} layout needs `columns.group`; fix: name the "
                             "column that holds the group (the sex, say)")
        if self.layout == "long" and columns.count is None:
            raise ValueError("a long layout needs `columns.count`; fix: name the column that "
                             "holds the count, or, when each row is one arrest and there is no "
                             "count column, write `layout: records`")
        if self.layout == "records" and columns.count is not None:
            raise ValueError("a records layout counts rows, so it has no count column; fix: "
                             "remove `columns.count`, or use `layout: long` if each row holds a "
                             "count")
        if self.layout == "year-columns":
            if columns.year or columns.date:
                raise ValueError("in a year-columns layout the years are the columns' names; "
                                 "fix: remove `columns.year` (list the year columns under "
                                 "`year_columns:` if they are not named by the year alone)")
        elif columns.year and columns.date:
            raise ValueError("both `columns.year` and `columns.date` are named; fix: keep one")
        elif not (columns.year or columns.date or "year" in self.constants):
            raise ValueError("the year is not given; fix: name its column under `columns.year` "
                             "(or a date column under `columns.date`), or give one year for "
                             "every row under `constants.year`")
        if self.year_columns and self.layout != "year-columns":
            raise ValueError("`year_columns` is only for the year-columns layout; fix: set "
                             "`layout: year-columns`, or remove `year_columns`")
        for name in ("jurisdiction", "source"):
            if getattr(columns, name) is None and name not in self.constants:
                raise ValueError(f"the file's {name} is not given; fix: name its column under "
                                 f"`columns.{name}`, or give one value for every row under "
                                 f"`constants.{name}`")
        if "year" in self.constants and not re.fullmatch(r"[0-9]{4}", self.constants["year"]):
            raise ValueError(f'`constants.year` must be a four-digit year, found '
                             f'"{self.constants["year"]}"; fix: write e.g. year: "2022"')
        if isinstance(self.path, list) and len(set(self.path)) != len(self.path):
            raise ValueError("a file is listed twice under `path`; fix: list each file once")
        if not self.recorded:
            raise ValueError("every group is marked not_recorded; fix: declare the recorded "
                             "groups (female, male, ...) as well")
        return self
