import datetime as dt

from ninja import Field, Schema


class RequestEventOut(Schema):
    step: str
    at: dt.datetime
    by_id: int | None
    note: str
    deadline: dt.datetime | None = Field(description="the deadline in force from this step")
    rating: int | None


class ServiceRequestOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    category_id: int
    category: str = Field(alias="category.code")
    title: str
    description: str
    source: str
    assignee_id: int | None
    department_id: int | None
    received_at: dt.datetime
    deadline: dt.datetime
    status: str
    escalated_at: dt.datetime | None
    rating: int | None
    rating_comment: str
    timeline: list[RequestEventOut] = Field(description="every step, oldest first")

    @staticmethod
    def resolve_timeline(obj):
        return list(obj.events.all())


class StepIn(Schema):
    step: str = Field(description="accepted, in_progress, answered, closed or reopened")
    note: str = Field("", description="the answer, the reason to reopen, a closing comment")
    rating: int | None = Field(None, ge=1, le=5, description="1–5, to close")


class VisitOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    steward_id: int | None
    status: str
    on: dt.date
    people_met: str
    notes: str
    findings: str
    request_ids: list[int] = Field(description="the requests raised from its findings")

    @staticmethod
    def resolve_request_ids(obj):
        return [r.pk for r in obj.requests.all()]


class VisitRequestIn(Schema):
    category: str = Field(description="the category's code, e.g. power")
    title: str = Field("", description="default: the first line of the findings")


class ServicePackageOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    lead_id: int
    member_ids: list[int] = Field(description="the team besides its lead")
    contact_every: int = Field(description="days at most between two done visits")
    commitments: str

    @staticmethod
    def resolve_member_ids(obj):
        return [m.pk for m in obj.members.all()]
