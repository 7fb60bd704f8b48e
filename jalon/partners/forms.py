from django import forms
from django.db.models import Q
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import MISSION_LOCALE_ROLES, PARTNER_ROLES, User
from jalon.network.models import Organisation
from jalon.partners.rules import NOTE_MAX_LENGTH
from jalon.referrals.enums import ConsentCategory, ConsentMethod
from jalon.referrals.models import Consent
from jalon.youngpeople.forms import DateInput


class ConsentForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label="Structure partenaire",
        queryset=Organisation.objects.partners().order_by("name"),
        help_text="Les structures partenaires de l'annuaire du réseau.",
    )
    categories = forms.MultipleChoiceField(
        label="Informations que le jeune accepte de partager",
        choices=ConsentCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les commentaires libres ne sont jamais partagés.",
    )
    method = forms.ChoiceField(label="Recueilli par", choices=ConsentMethod.choices)
    given_on = forms.DateField(label="Date du consentement", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class MemberForm(DsfrBaseForm):
    user = forms.ModelChoiceField(
        label="Professionnel·le",
        queryset=User.objects.none(),
        help_text=(
            "Les professionnel·les de la Mission Locale, et les partenaires des structures "
            "pour lesquelles le jeune a donné son consentement."
        ),
    )
    start_date = forms.DateField(label="Début", widget=DateInput())

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        consented = Consent.objects.active().filter(young_person=young_person)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True)
            .filter(
                Q(role__in=MISSION_LOCALE_ROLES, organisation_id=young_person.mission_locale_id)
                | Q(
                    role__in=PARTNER_ROLES,
                    organisation_id__in=consented.values("organisation_id"),
                )
            )
            .select_related("organisation")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()} — {user.short_role_label}, {user.organisation}"
        )
        self.fields["start_date"].initial = timezone.localdate()


class NoteForm(DsfrBaseForm):
    text = forms.CharField(
        label="Note pour le suivi partagé",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX_LENGTH,
        help_text="Visible par tous les membres du suivi, partenaires compris.",
    )


class CorrespondentForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label="Structure du ou de la correspondant·e", queryset=Organisation.objects.none()
    )
    counterpart = forms.ModelChoiceField(
        label="Correspondant·e pour", queryset=Organisation.objects.none()
    )
    person_name = forms.CharField(label="Nom", max_length=150)
    function = forms.CharField(
        label="Fonction", max_length=150, help_text="Ex. : CJML, référent·e insertion PJJ."
    )
    phone = forms.CharField(label="Téléphone professionnel", max_length=20, required=False)
    email = forms.EmailField(label="Courriel professionnel", required=False)
    start_date = forms.DateField(label="Depuis le", widget=DateInput())
    end_date = forms.DateField(label="Jusqu'au", widget=DateInput(), required=False)

    def __init__(self, *args, mission_locale, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Organisation.objects.filter(
            Q(pk=mission_locale.pk) | Q(pk__in=Organisation.objects.partners())
        ).order_by("name")
        self.fields["organisation"].queryset = choices
        self.fields["counterpart"].queryset = choices
        self.fields["start_date"].initial = timezone.localdate()
