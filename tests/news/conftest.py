"""Staff of the editorial back office: NCP editors, who publish, and writers, who may not."""

import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def make_user(django_user_model):
    def make(username, group=None, **extra):
        user = django_user_model.objects.create_user(
            username, password=None, is_staff=True, **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("anna", "NCP editor")


@pytest.fixture
def writer(make_user):
    """Staff who may write articles but not publish them."""
    from django.contrib.auth.models import Permission

    user = make_user("writer")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news",
            codename__in=["add_article", "change_article", "view_article"],
        )
    )
    return user
