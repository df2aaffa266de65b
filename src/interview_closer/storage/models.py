"""The tracker's tables as SQLAlchemy 2 ORM classes (the schema at the head migration).

Date-times are stored as UTC without an offset (portable across SQLite and
PostgreSQL) and come back time-zone aware through `UTCDateTime`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

APPLICATION_STATUSES = (
    "saved", "applied", "interviewing", "offer", "accepted", "rejected", "withdrawn",
    "no-response",
)  # fmt: skip
FOLLOWUP_STATUSES = ("pending", "done", "skipped", "cancelled")


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC; refuses naive values so no zone is guessed."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to naive UTC for storage."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; attach a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to what the database returns."""
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    """Declarative base of every tracker table."""


interview_contacts = Table(
    "interview_contacts",
    Base.metadata,
    Column("interview_id", ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
)


class Setting(Base):
    """One user setting (country, timezone, rules.*) as text."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Application(Base):
    """A job applied for: company, role, the posting, the resume used and where it stands."""

    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="applied")
    posting_text: Mapped[str | None] = mapped_column(Text)
    posting_source: Mapped[str | None] = mapped_column(String(1000))
    resume_path: Mapped[str | None] = mapped_column(String(1000))
    candidate_name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application", order_by="Interview.at", cascade="all, delete-orphan"
    )
    plans: Mapped[list[Plan]] = relationship(order_by="Plan.id", cascade="all, delete-orphan")
    followups: Mapped[list[Followup]] = relationship(
        back_populates="application", order_by="Followup.due_at", cascade="all, delete-orphan"
    )
    __table_args__ = (Index("ix_applications_status", "status"),)


class Contact(Base):
    """Someone met at an interview; one row per person, shared by their interviews."""

    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Interview(Base):
    """One interview of an application: when, stage, format, place and who was there."""

    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stage: Mapped[str | None] = mapped_column(String(60))
    format: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    application: Mapped[Application] = relationship(back_populates="interviews")
    contacts: Mapped[list[Contact]] = relationship(
        secondary=interview_contacts, order_by="Contact.id"
    )
    debrief: Mapped[DebriefRow | None] = relationship(
        back_populates="interview", cascade="all, delete-orphan", uselist=False
    )
    __table_args__ = (Index("ix_interviews_application", "application_id"),)


class Plan(Base):
    """A closing plan (the `prep` JSON, schema interview-closer/plan@1) as stored."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL")
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DebriefRow(Base):
    """The debrief of one interview (people met are the interview's contacts)."""

    __tablename__ = "debriefs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), unique=True
    )
    next_step: Mapped[str | None] = mapped_column(Text)
    decision_by: Mapped[str | None] = mapped_column(Text)
    decision_date: Mapped[date | None] = mapped_column(Date)
    permission_to_call: Mapped[bool | None] = mapped_column(Boolean)
    best_time_to_call: Mapped[str | None] = mapped_column(String(200))
    concerns: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    promised: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    topics: Mapped[dict[str, str]] = mapped_column(JSON)
    feeling: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    interview: Mapped[Interview] = relationship(back_populates="debrief")


class Followup(Base):
    """One follow-up: kind, due date-time, channel, contact, status and outcome."""

    __tablename__ = "followups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL")
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(40))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    application: Mapped[Application] = relationship(back_populates="followups")
    contact: Mapped[Contact | None] = relationship()
    __table_args__ = (
        Index("ix_followups_status_due", "status", "due_at"),
        Index("ix_followups_application", "application_id"),
    )


# Tables in the order a backup writes and an import reads them (parents first).
TABLE_ORDER = (
    "settings", "applications", "contacts", "interviews", "interview_contacts", "plans",
    "debriefs", "followups",
)  # fmt: skip
