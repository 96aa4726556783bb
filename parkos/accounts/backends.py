"""Permissions come from the user's role (roles.ROLE_PERMISSIONS), so `user.has_perm`,
`PermissionRequiredMixin` and `{{ perms }}` in templates all read the one table."""

from django.contrib.auth.backends import ModelBackend

from .roles import ROLE_PERMISSIONS


class RoleBackend(ModelBackend):
    def get_role_permissions(self, user_obj):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        if user_obj.is_superuser:
            return set().union(*ROLE_PERMISSIONS.values())
        return set(ROLE_PERMISSIONS.get(user_obj.role, ()))

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None:
            return set()
        if not hasattr(user_obj, "_role_perm_cache"):
            user_obj._role_perm_cache = self.get_role_permissions(user_obj)
        return user_obj._role_perm_cache

    def get_user_permissions(self, user_obj, obj=None):
        return self.get_all_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        return set()
