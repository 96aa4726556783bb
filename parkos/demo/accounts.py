"""The demo logins: one per role, all with the password the README publishes."""

PASSWORD = "parkos-demo"
DEMO_USERNAMES = (
    "district",
    "parkadmin",
    "investment",
    "steward01",
    "leader",
    "enterprise",
    "sysadmin",
    "secadmin",
    "auditor",
)
