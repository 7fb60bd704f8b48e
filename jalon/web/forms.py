from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's errors to the form's fields; unknown fields go to the form's top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)
