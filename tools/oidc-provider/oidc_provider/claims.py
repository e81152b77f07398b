from oauth2_provider.oauth2_validators import OAuth2Validator


class ProConnectLikeValidator(OAuth2Validator):
    """The claims ProConnect gives for its scopes, plus `email_verified`, which the site
    requires. A user whose last name is "non-verifie" gets `email_verified: false`."""

    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "given_name": "given_name",
        "usual_name": "usual_name",
    }

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": user.last_name != "non-verifie",
            "given_name": user.first_name,
            "usual_name": user.last_name,
        }
