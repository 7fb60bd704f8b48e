"""Demo territorial context: population aged 16-25 and young job seekers of the communes the
demo Missions Locales cover, in one import dated three years back (the census lags)."""

from jalon.accounts.models import User
from jalon.network.models import Commune
from jalon.pilotage.models import CommuneFigures, TerritorialImport

# commune: (population aged 16-25, job seekers under 26 or None when not published)
FIGURES = {
    "31555": (98_400, 7_450),  # Toulouse
    "31069": (2_900, 260),  # Blagnac
    "31557": (3_150, 300),  # Tournefeuille
    "31149": (4_650, 520),  # Colomiers
    "31433": (1_020, 110),  # Portet-sur-Garonne
    "31446": (2_580, 190),  # Ramonville-Saint-Agne
    "34172": (71_800, 5_820),  # Montpellier
    "34129": (1_690, 160),  # Lattes
    "34057": (2_310, 200),  # Castelnau-le-Lez
    "34145": (3_020, 420),  # Lunel
    "55545": (2_110, 330),  # Verdun
    "55351": (120, None),  # Montmédy: too few to be published
    "55463": (420, 70),  # Saint-Mihiel
    "55122": (610, 110),  # Commercy
    "55154": (130, None),  # Dieue-sur-Meuse
}


def load(today) -> None:
    year = today.year - 3
    data_import = TerritorialImport.objects.create(
        source=f"INSEE, recensement de la population {year} ; France Travail, DEFM de moins "
        f"de 26 ans au 31/12/{year} (démonstration)",
        year=year,
        file_name=f"contexte-territorial-{year}.csv",
        row_count=len(FIGURES),
        imported_by=User.objects.filter(role="administrator").first(),
    )
    communes = dict(Commune.objects.filter(code__in=FIGURES).values_list("code", "pk"))
    CommuneFigures.objects.bulk_create(
        CommuneFigures(
            commune_id=communes[code],
            year=year,
            population_16_25=population,
            job_seekers=job_seekers,
            data_import=data_import,
        )
        for code, (population, job_seekers) in FIGURES.items()
    )
