"""django-allauth adaptations: remember the holder's language; send staff to the admin."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.users.models import UserProfile


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # Emails about their requests go out in the language they signed up in.
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = get_language() or ""
            profile.save(update_fields=["preferred_language"])
        return user

    def is_safe_url(self, url):
        """Never send a signed-in holder back to the admin: it sends them here (its one
        sign-in), and this would send them there again."""
        if not super().is_safe_url(url):
            return False
        user = getattr(getattr(self, "request", None), "user", None)
        if user is None or not user.is_authenticated or user.has_perm("wagtailadmin.access_admin"):
            return True
        return not urlsplit(url).path.startswith(reverse("wagtailadmin_home"))

    def get_login_redirect_url(self, request):
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
