"""What identifies a staff account beyond the account itself (see jalon/privacy/registry.py)."""

# API tokens, second-factor devices, and the login traces django-axes keeps under the e-mail.
ACCOUNT_TRACES = [
    ("accounts.ApiToken", "user_id", "pk"),
    ("otp_totp.TOTPDevice", "user_id", "pk"),
    ("otp_static.StaticDevice", "user_id", "pk"),
    ("axes.AccessAttempt", "username__iexact", "email"),
    ("axes.AccessLog", "username__iexact", "email"),
]
