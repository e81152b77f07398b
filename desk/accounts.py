"""django-allauth adaptations: remember the holder's language; send staff to the admin."""

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

    def get_login_redirect_url(self, request):
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
