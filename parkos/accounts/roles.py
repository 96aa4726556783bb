"""The roles of DESIGN.md and what each may do, in one table.

A role grants model permissions (Django's own `app.action_model` names); *which rows* a
permission reaches is decided by `parkos.core.scoping`, never here.
"""

from parkos.core.roles import Role


def _perms(app, actions, *models_):
    return {f"{app}.{action}_{model}" for action in actions for model in models_}


VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = (VIEW, ADD, CHANGE, DELETE)

_REGISTER = ("enterprise", "contact", "honouraward")
_REFERENCE = ("industry", "clusterscheme", "cluster", "honourtype", "tag")
_INDICATORS = ("indicatoryear", "indicatormonth")

_EVALUATION = ("scheme", "schemeindicator", "run", "result", "adjustment", "admissionbar")
_EVALUATION_READ = ("scheme", "schemeindicator", "run", "result")

_PIPELINE = ("project", "stagechange", "attachment")
_INVESTMENT = (*_PIPELINE, "annualtarget")

# Industry chains: templates and nodes, enterprises placed on nodes, an anchor's links.
_CHAINS = ("chaintemplate", "chainnode", "chainplacement", "chainlink")

_SPACE = ("parcel", "building", "floorspec", "unit", "photo", "saveddemand")

# Enterprise service: requests and their timeline (written only by the service actions), the
# park's departments, the categories with their service levels (the district's catalogue).
_REQUESTS = ("servicerequest", "requestevent", "requestattachment")
# The staff's: an enterprise does not read them (nor its own service package's team).
_VISITS = ("visit", "serviceprofile", "servicepackage")
_SERVICE_READ = (*_REQUESTS, *_VISITS, "requestcategory", "department")
# Closing a request with a rating, or reopening it, is the enterprise's reply; the park's
# admins may record it for an enterprise that replied by phone.
_CLOSE = frozenset({"service.close_servicerequest"})

# Events: the park's staff organise them and take attendance; stewards register and tick their
# zones' enterprises; an enterprise registers itself, cancels, and rates what it attended.
_EVENTS = ("event", "registration", "attendance")
_EVENT_FIGURES = frozenset({"programmes.view_figures"})
# The dashboard (驾驶舱): leaders, admins and stewards, each over their place.
_DASHBOARD = frozenset({"enterprises.view_dashboard"})
_FEEDBACK = frozenset({"programmes.feedback_attendance"})
# Early warnings: written by the monthly evaluation; the staff who follow the enterprises read
# and acknowledge them (leaders read), over their place; admins set the rules (a park admin its
# park's, reading the district's).
_WARNINGS = frozenset({"reports.view_earlywarning"})
_ACKNOWLEDGE = frozenset({"reports.acknowledge_earlywarning"})
# The monthly analysis: admins generate, edit and publish it; leaders and stewards read it.
_PUBLISH_ANALYSIS = frozenset({"reports.publish_monthlyanalysis"})
# An enterprise user checks their enterprise in by scanning the event's QR code.
_CHECK_IN = frozenset({"programmes.checkin_attendance"})

# Financing: the park's staff run the loan programmes (partner banks, rounds) and follow the
# demands; stewards follow their zones' enterprises' demands; an enterprise files its own and
# changes or withdraws it while it is only filed. Matching a bank and recording its answer is
# the staff's (process). Banks are reference data everyone reads.
_LOANS = ("loanprogramme", "partnerbank", "loanround")
_FINANCING = (*_LOANS, "financingdemand")
_PROCESS_DEMANDS = frozenset({"programmes.process_financingdemand"})

# Policy projects and honours: the park's staff publish calls, decide and pay; stewards recommend
# their zones' enterprises and file for them; an enterprise files its own applications. The
# honours' criteria are the district's catalogue.
_POLICY = ("policycall", "policyproject", "honourapplication")
_POLICY_READ = (*_POLICY, "honourcriteria")
_POLICY_FIGURES = frozenset({"programmes.view_policy_figures"})
_POLICY_DECIDE = frozenset(
    {"programmes.decide_policyproject", "programmes.decide_honourapplication"}
)

# Personal phone numbers and e-mails in full: for the staff who call those people.
_CONTACT_PHONES = frozenset({"enterprises.view_contact_phone"})
_ENQUIRY_PHONES = frozenset({"portal.view_enquiry_phone"})

# API tokens are for the roles that connect other systems: admins (registers, statistics) and
# investment staff (their CRM). Stewards, leaders and enterprises use the pages.
_TOKENS = frozenset({"accounts.add_apitoken"})

# The three administrators of 等保 2.0 (三权分立) split what a superuser would do alone: the system
# administrator opens and closes accounts, the security administrator decides what each account
# may do and where, and unlocks; the audit administrator reads the trail. None of them reads
# or changes business data, and no business role manages accounts or reads the trail.
_ACCOUNTS = _perms("accounts", (VIEW, ADD, CHANGE), "user")
_GRANTS = _perms("accounts", (VIEW, CHANGE), "user") | {
    "accounts.grant_role",
    "accounts.unlock_user",
    "parks.view_park",  # a role's place is a park
}

_READ_EVERYTHING = (
    _perms("parks", (VIEW,), "park", "zone")
    | _perms("enterprises", (VIEW,), *_REGISTER, *_REFERENCE, *_INDICATORS)
    | _perms("core", (VIEW,), "importbatch")
    | _perms("evaluation", (VIEW,), *_EVALUATION)
    | _perms("space", (VIEW,), *_SPACE)
    | _perms("portal", (VIEW,), "enquiry")
    | _perms("investment", (VIEW,), *_INVESTMENT)
    | _perms("chains", (VIEW,), *_CHAINS)
    | _perms("service", (VIEW,), *_SERVICE_READ)
    | _perms("programmes", (VIEW,), *_EVENTS, *_FINANCING, "bank")
    | _EVENT_FIGURES
    | _DASHBOARD
    | _WARNINGS
    | _perms("reports", (VIEW,), "warningrule", "monthlyanalysis")
    | _perms("programmes", (VIEW,), *_POLICY_READ)
    | _POLICY_FIGURES
)

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.DISTRICT_ADMIN: frozenset(
        _perms("parks", ALL, "park", "zone")
        | _perms("enterprises", ALL, *_REGISTER, *_REFERENCE, *_INDICATORS)
        | _perms("core", ALL, "importbatch")
        | _perms("evaluation", ALL, *_EVALUATION)
        | _perms("space", ALL, *_SPACE)
        | _perms("portal", ALL, "enquiry")
        | _perms("investment", ALL, *_INVESTMENT)
        | _perms("chains", ALL, *_CHAINS)
        | _perms("service", ALL, "servicerequest", "requestcategory", "department", *_VISITS)
        | _perms("service", (VIEW,), "requestevent")
        | _perms("service", ALL, "requestattachment")
        | _perms("programmes", ALL, *_EVENTS, *_FINANCING, "bank")
        | _EVENT_FIGURES
        | _DASHBOARD
        | _WARNINGS
        | _ACKNOWLEDGE
        | _perms("reports", (VIEW, ADD, CHANGE), "warningrule", "monthlyanalysis")
        | _PUBLISH_ANALYSIS
        | _perms("programmes", ALL, *_POLICY_READ)
        | _POLICY_FIGURES
        | _POLICY_DECIDE
        | _FEEDBACK
        | _PROCESS_DEMANDS
        | _CLOSE
        | _TOKENS
        | _CONTACT_PHONES
        | _ENQUIRY_PHONES
        | {"investment.override_admission"}
    ),
    Role.PARK_ADMIN: frozenset(
        _perms("parks", (VIEW, CHANGE), "park")
        | _perms("parks", ALL, "zone")
        | _perms("enterprises", ALL, *_REGISTER, *_INDICATORS)
        | _perms("enterprises", (VIEW,), *_REFERENCE)
        | _perms("enterprises", ALL, "cluster", "clusterscheme", "tag")
        | _perms("core", ALL, "importbatch")
        | _perms("evaluation", ALL, *_EVALUATION)
        | _perms("space", ALL, *_SPACE)
        | _perms("portal", ALL, "enquiry")
        | _perms("investment", ALL, *_INVESTMENT)
        | _perms("chains", ALL, *_CHAINS)
        | _perms("service", ALL, "servicerequest", "department", *_VISITS)
        | _perms("service", (VIEW,), "requestevent", "requestcategory")
        | _perms("service", ALL, "requestattachment")
        | _perms("programmes", ALL, *_EVENTS, *_FINANCING)
        | _perms("programmes", (VIEW,), "bank")
        | _EVENT_FIGURES
        | _DASHBOARD
        | _WARNINGS
        | _ACKNOWLEDGE
        | _perms("reports", (VIEW, ADD, CHANGE), "warningrule", "monthlyanalysis")
        | _PUBLISH_ANALYSIS
        | _perms("programmes", ALL, *_POLICY)
        | _perms("programmes", (VIEW,), "honourcriteria")
        | _POLICY_FIGURES
        | _POLICY_DECIDE
        | _FEEDBACK
        | _PROCESS_DEMANDS
        | _CLOSE
        | _TOKENS
        | _CONTACT_PHONES
        | _ENQUIRY_PHONES
        | {"investment.override_admission"}
    ),
    # Investment staff work on the pipeline and space; they see who is in the park, not its
    # confidential economics (tax, revenue…), which live in the indicator tables.
    Role.INVESTMENT: frozenset(
        _perms("parks", (VIEW,), "park", "zone")
        | _perms("enterprises", (VIEW,), *_REGISTER, *_REFERENCE)
        | _perms("evaluation", (VIEW,), "admissionbar")
        | _perms("space", ALL, *_SPACE)
        | _perms("core", (VIEW, ADD, CHANGE), "importbatch")  # buildings, units, projects
        | _perms("portal", (VIEW, CHANGE), "enquiry")
        | _perms("investment", ALL, *_PIPELINE)
        | _perms("investment", (VIEW,), "annualtarget")  # the park admin sets the targets
        | _perms("chains", ALL, "chainplacement", "chainlink")  # chains are attracted by them
        | _perms("chains", (VIEW,), "chaintemplate", "chainnode")
        | _perms("programmes", (VIEW,), *_EVENTS)  # investment promotion events among them
        | _perms("programmes", (VIEW,), *_LOANS, "bank")
        | _TOKENS
        | _ENQUIRY_PHONES
    ),
    Role.STEWARD: frozenset(
        _perms("chains", (VIEW,), *_CHAINS)
        | _perms("parks", (VIEW,), "park", "zone")
        | _perms("enterprises", (VIEW,), *_REFERENCE, *_INDICATORS)
        | _perms("enterprises", (VIEW, CHANGE), "enterprise")
        | _perms("enterprises", ALL, "contact")
        # Honours are awarded through the honours workflow's decision, which is the admins'.
        | _perms("enterprises", (VIEW,), "honouraward")
        | _perms("evaluation", (VIEW,), *_EVALUATION_READ, "admissionbar")
        | _perms("space", (VIEW,), *_SPACE)
        | _perms("service", (VIEW, ADD, CHANGE), "servicerequest")
        | _perms("service", ALL, "visit")
        | _perms("service", (VIEW,), "requestevent", "requestcategory", "department")
        | _perms("service", (VIEW, ADD), "requestattachment")
        | _perms("service", (VIEW,), "serviceprofile", "servicepackage")
        | _perms("programmes", (VIEW,), "event")
        | _perms("programmes", ALL, "registration", "attendance")
        | _EVENT_FIGURES
        | _DASHBOARD
        | _WARNINGS
        | _ACKNOWLEDGE
        | _perms("reports", (VIEW,), "monthlyanalysis")
        | _perms("programmes", (VIEW,), "policycall", "honourcriteria")
        | _perms("programmes", (VIEW, ADD, CHANGE), "policyproject", "honourapplication")
        | _POLICY_FIGURES
        | _perms("programmes", (VIEW,), *_LOANS, "bank")
        | _perms("programmes", (VIEW, ADD, CHANGE), "financingdemand")
        | _PROCESS_DEMANDS
        | _CONTACT_PHONES
    ),
    Role.LEADER: frozenset(_READ_EVERYTHING),
    # An enterprise reads its own record and the catalogues, not the staff's tags.
    Role.ENTERPRISE: frozenset(
        _perms("parks", (VIEW,), "park", "zone")
        | _perms("enterprises", (VIEW,), *_REGISTER, *_INDICATORS)
        # Its own people, kept up to date by the enterprise itself (the steward is told).
        | _perms("enterprises", (VIEW, ADD, CHANGE), "contact")
        | _perms("enterprises", (VIEW,), *(r for r in _REFERENCE if r != "tag"))
        | _perms("evaluation", (VIEW,), *_EVALUATION_READ)
        | _perms("service", (VIEW, ADD), "servicerequest")
        | _perms("service", (VIEW,), "requestevent", "requestcategory")
        | _perms("service", (VIEW, ADD), "requestattachment")
        | _perms("programmes", (VIEW,), "event", "attendance")
        | _perms("programmes", (VIEW, ADD, DELETE), "registration")
        | _perms("programmes", (VIEW,), "policycall", "honourcriteria", "honourapplication")
        | _perms("programmes", (VIEW, ADD), "policyproject")
        | _FEEDBACK
        | _CHECK_IN
        | _perms("programmes", (VIEW,), *_LOANS, "bank")
        | _perms("programmes", ALL, "financingdemand")
        | _CLOSE
        | _CONTACT_PHONES  # their own people
    ),
    Role.SYSTEM_ADMIN: frozenset(_ACCOUNTS),
    Role.SECURITY_ADMIN: frozenset(_GRANTS),
    Role.AUDIT_ADMIN: frozenset(_perms("core", (VIEW,), "auditevent")),
}
