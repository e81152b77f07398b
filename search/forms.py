from django import forms
from django.utils.translation import gettext_lazy as _

from web.api import MAX_PAGE

from .query import MAX_QUERY_LENGTH, SearchQuery


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
    priority = forms.SlugField(required=False)
    territory = forms.SlugField(required=False)
    kind = forms.SlugField(required=False)
    body = forms.SlugField(required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("relevance", _("Relevance")), ("date", _("Date"))],
        required=False,
    )
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)

    def to_query(self, page_size=10):
        """The search asked; a value the form refused is left out, not the whole search."""
        self.is_valid()
        data = self.cleaned_data
        # Too long a text is still searched, cut to length (SearchQuery does it).
        text = self.data.get("q", "") if "q" in self.errors else data.get("q")
        return SearchQuery(
            text=text or "",
            priority=data.get("priority") or "",
            territory=data.get("territory") or "",
            kind=data.get("kind") or "",
            body=data.get("body") or "",
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            page_size=page_size,
        )
