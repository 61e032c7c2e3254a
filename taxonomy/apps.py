from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Controlled vocabularies"

    def ready(self):
        import reversion

        from .models import Term, Vocabulary

        reversion.register(Vocabulary)
        reversion.register(Term)
