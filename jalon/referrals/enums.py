from django.db import models


class ConsentCategory(models.TextChoices):
    """What a young person may agree to share with a partner structure.

    Free-text comments belong to no category: they are never shared (décret 2015-59).
    """

    IDENTITY = "identity", "Identité et coordonnées"
    DIAGNOSTIC = "diagnostic", "Conclusions du diagnostic"
    PATHWAY = "pathway", "Parcours et situations"
    APPOINTMENTS = "appointments", "Rendez-vous"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", "Formulaire signé"
    ORAL = "oral", "Accord oral, en présence du conseiller ou de la conseillère"
