"""What happens when the last task of a publication workflow is approved.

Wagtail's default publishes as the approving user and so requires them to hold
the "publish" page permission. Here nobody but administrators holds it: holding
it would let an editor publish a roadmap update without Commission 15. The
approval itself is the authority (the task already checked that the approver
belongs to its reviewing group), so the approved revision is published without
a second permission check. Imported by Wagtail at start-up: keep imports lazy.
"""


def publish_approved_revision(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
