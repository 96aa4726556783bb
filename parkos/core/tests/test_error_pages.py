"""Error pages speak Chinese and keep the site's layout (the sidebar for signed-in users)."""

from django.template.loader import render_to_string


def test_a_missing_page_says_so_in_the_sites_layout(world, client):
    client.force_login(world.users["park_admin"])
    response = client.get("/enterprises/999999/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body and 'id="sidebar"' in body and "返回总览" in body


def test_a_forbidden_page_says_why_in_chinese(world, client):
    client.force_login(world.users["investment"])
    response = client.get("/evaluation/")
    body = response.content.decode()
    assert response.status_code == 403 and "无权访问" in body and "园区管理员" in body


def test_the_server_error_page_renders_without_a_request():
    body = render_to_string("500.html")
    assert "系统出错" in body and "返回总览" in body
