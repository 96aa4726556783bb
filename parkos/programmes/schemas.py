import datetime as dt

from ninja import Field, Schema


class EventOut(Schema):
    id: int
    park_id: int
    kind: str
    title: str
    organiser: str
    on: dt.date
    starts_at: dt.time | None
    place: str
    capacity: int | None
    zone_ids: list[int] = Field(description="target zones; empty: every zone of the park")
    cluster_ids: list[int] = Field(description="target clusters; empty: every cluster")
    tag_ids: list[int] = Field(
        description="target tags (such as 重点企业, the key enterprises); empty: every enterprise"
    )
    description: str

    @staticmethod
    def resolve_zone_ids(obj):
        return [z.pk for z in obj.zones.all()]

    @staticmethod
    def resolve_cluster_ids(obj):
        return [c.pk for c in obj.clusters.all()]

    @staticmethod
    def resolve_tag_ids(obj):
        return [t.pk for t in obj.tags.all()]


class RegistrationOut(Schema):
    id: int
    event_id: int
    event_title: str = Field(alias="event.title")
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    registered_by_id: int | None
    registered_at: dt.datetime


class AttendanceIn(Schema):
    enterprise: str = Field(description="the enterprise's USCC")


class AttendanceOut(Schema):
    id: int
    event_id: int
    enterprise_id: int
    registration_id: int | None = Field(description="empty: a walk-in")
    recorded_at: dt.datetime
    rating: int | None
    comment: str
