"""A service request's whole life in a real browser: the enterprise files it, its steward is
notified, accepts and answers it, the enterprise (notified of the answer) closes it with a
rating, and the request figures a leader reads change."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _total_row(page):
    """The figures' first line (all requests): count, judged, on time, rate, response,
    resolution, satisfaction."""
    cells = page.locator("#figures-1 tbody tr").first.locator("td").all_inner_texts()
    return cells[1:]


def _switch(page, log_in, username, next_path=""):
    page.context.clear_cookies()
    log_in(username, next_path)
    page.wait_for_load_state("load")


def test_an_enterprise_files_the_steward_answers_the_enterprise_closes_the_figures_change(
    live_server, world, page, log_in
):
    _switch(page, log_in, "leader_a", "/service/figures/")
    assert _total_row(page) == ["0", "0", "0", "—", "—", "—", "—"]

    # The enterprise files a request for its zone's steward.
    _switch(page, log_in, "firm_a1_user", "/service/requests/new/")
    page.select_option("#id_category", label="安全生产")
    page.fill("#id_title", "消防通道被占用")
    page.fill("#id_description", "隔壁仓库长期堆货，占用我司消防通道。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("#timeline")
    assert "已接收" in page.locator("#timeline").inner_text()

    # The steward sees it in their notifications, opens it, accepts and answers.
    _switch(page, log_in, "steward_a1")
    assert page.locator("#nav-unread").inner_text() == "1"
    page.click("#nav-notifications")
    assert "分派给您" in page.locator("#notifications").inner_text()
    page.get_by_role("button", name="上海甲一生物科技有限公司：消防通道被占用").click()
    page.wait_for_selector("#step-accepted")
    page.click("#step-accepted")
    page.wait_for_selector("#step-answered")
    page.fill("#id_note", "已约谈仓库负责人，当日清理完毕。")
    page.click("#step-answered")
    page.wait_for_selector("#timeline")
    assert "已答复" in page.locator("#timeline").inner_text()
    assert page.locator("#nav-unread").count() == 0  # the notification was read on opening

    # The enterprise is told of the answer and closes the request with a rating.
    _switch(page, log_in, "firm_a1_user", "/service/notifications/")
    assert page.locator("#nav-unread").inner_text() == "1"
    page.get_by_role("button", name="上海甲一生物科技有限公司：消防通道被占用").click()
    page.wait_for_selector("#step-closed")
    assert "已约谈仓库负责人" in page.locator("#timeline").inner_text()
    page.select_option("#id_rating", "5")
    page.fill("#id_note", "处理及时，谢谢！")
    page.click("#step-closed")
    page.wait_for_selector("#timeline")
    assert "5/5" in page.locator("#timeline").inner_text()
    assert page.locator("#request-steps").count() == 0

    # The leader's figures count the request: judged, on time, answered the same day, rated 5.
    _switch(page, log_in, "leader_a", "/service/figures/")
    assert _total_row(page) == ["1", "1", "1", "100.0", "0.0", "0.0", "5.0"]
